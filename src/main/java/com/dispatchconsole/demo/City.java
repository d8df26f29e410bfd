package com.dispatchconsole.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The small made-up city the demo shift and the simulator share: ten streets in a grid over about 5.5 × 4.5 km of
 * central London, five running east–west and five north–south, each with house numbers 1 to 180 from its west or
 * south end. An address "42 Mill Row" has one position, the same for the demo seed, the simulated outlets that
 * create orders, the simulated riders that ride to them, and the supervisors' review of how far a PoD was from it.
 *
 * <p>The demo has no geocoder: this is it. Addresses on other streets (e.g. the large demo's) get a stable position
 * inside the same box, so they still appear somewhere believable.
 */
public final class City {

    /** The box the city fills. */
    public static final double SOUTH = 51.49;
    public static final double NORTH = 51.53;
    public static final double WEST = -0.16;
    public static final double EAST = -0.08;

    public static final int HIGHEST_NUMBER = 180;

    /** A street: east–west streets keep their latitude, north–south ones their longitude. */
    public record Street(String name, boolean eastWest, double at) {
    }

    /** A point of the city. */
    public record Point(double lat, double lon) {
    }

    /** Five east–west streets (even indexes) and five north–south ones (odd indexes), evenly spread. */
    public static final List<Street> STREETS = streets("Elm Street", "Harbour Road", "Market Lane", "King's Parade",
            "Station Approach", "Mill Row", "Canal Walk", "High Street", "Orchard Close", "Bridge Street");

    /** Houses on either side stand about 9 m from the middle of the street. */
    private static final double SIDE_OFFSET = 0.00008;

    private City() {
    }

    private static List<Street> streets(String... names) {
        List<Street> streets = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            int line = i / 2;
            boolean eastWest = i % 2 == 0;
            // Five lines each way, in from the edges so houses never fall outside the box.
            double fraction = (line + 0.5) / 5;
            streets.add(new Street(names[i], eastWest,
                    eastWest ? SOUTH + fraction * (NORTH - SOUTH) : WEST + fraction * (EAST - WEST)));
        }
        return List.copyOf(streets);
    }

    /** The street an address is on ("42 Mill Row" → Mill Row), or null when it is not one of the city's. */
    public static Street streetOf(String address) {
        String name = address == null ? "" : address.strip().replaceFirst("^[0-9]+[A-Za-z]?\\s+", "");
        for (Street street : STREETS) {
            if (street.name().equalsIgnoreCase(name)) {
                return street;
            }
        }
        return null;
    }

    /** Where an address is; stable for the same text. */
    public static Point positionOf(String address) {
        Street street = streetOf(address);
        Integer number = numberOf(address);
        if (street == null || number == null) {
            Random place = new Random(address == null ? 0 : address.hashCode());
            return new Point(SOUTH + place.nextDouble() * (NORTH - SOUTH), WEST + place.nextDouble() * (EAST - WEST));
        }
        double along = (Math.min(Math.max(number, 1), HIGHEST_NUMBER) - 1) / (double) (HIGHEST_NUMBER - 1);
        // Odd numbers on one side, even on the other.
        double side = number % 2 == 0 ? SIDE_OFFSET : -SIDE_OFFSET;
        return street.eastWest()
                ? new Point(street.at() + side, WEST + along * (EAST - WEST))
                : new Point(SOUTH + along * (NORTH - SOUTH), street.at() + side);
    }

    /** A random address on one of the city's streets. */
    public static String randomAddress(Random random) {
        return (1 + random.nextInt(HIGHEST_NUMBER)) + " " + STREETS.get(random.nextInt(STREETS.size())).name();
    }

    private static Integer numberOf(String address) {
        if (address == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([0-9]{1,6})").matcher(address);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /**
     * The way from one point to another along the grid: out to the nearest crossing street, along it, and in to
     * the destination, as a rider would ride it (no diagonals through blocks). Starts at {@code from}, ends at
     * {@code to}.
     */
    public static List<Point> route(Point from, Point to) {
        List<Point> way = new ArrayList<>();
        way.add(from);
        // Ride along the north–south street nearest the start to the destination's latitude, then east or west.
        double lon = nearest(false, from.lon());
        way.add(new Point(from.lat(), lon));
        double lat = nearest(true, to.lat());
        way.add(new Point(lat, lon));
        way.add(new Point(lat, to.lon()));
        way.add(to);
        return dropRepeats(way);
    }

    private static double nearest(boolean eastWest, double value) {
        double best = value;
        double distance = Double.MAX_VALUE;
        for (Street street : STREETS) {
            if (street.eastWest() == eastWest && Math.abs(street.at() - value) < distance) {
                distance = Math.abs(street.at() - value);
                best = street.at();
            }
        }
        return best;
    }

    private static List<Point> dropRepeats(List<Point> way) {
        List<Point> kept = new ArrayList<>();
        for (Point p : way) {
            if (kept.isEmpty() || metres(kept.get(kept.size() - 1), p) > 0.5) {
                kept.add(p);
            }
        }
        if (kept.size() == 1) {
            kept.add(way.get(way.size() - 1));
        }
        return kept;
    }

    /** Great-circle distance in metres. */
    public static double metres(Point a, Point b) {
        return com.dispatchconsole.domain.GreatCircle.metres(a.lat(), a.lon(), b.lat(), b.lon());
    }

    /** A point {@code metres} away from {@code p} in the direction {@code bearingDegrees} (0 = north). */
    public static Point offset(Point p, double metres, double bearingDegrees) {
        double north = metres * Math.cos(Math.toRadians(bearingDegrees));
        double east = metres * Math.sin(Math.toRadians(bearingDegrees));
        return new Point(p.lat() + north / 111_320.0,
                p.lon() + east / (111_320.0 * Math.cos(Math.toRadians(p.lat()))));
    }

    /** Rounded to five decimals, as a phone's fix to about a metre. */
    public static double fix(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }

}
