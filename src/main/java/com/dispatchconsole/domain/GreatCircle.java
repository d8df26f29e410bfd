package com.dispatchconsole.domain;

/** Distances on the Earth's surface, for the review's "far from the address" and the demo city's rides. */
public final class GreatCircle {

    private static final double EARTH_RADIUS_M = 6_371_000;

    private GreatCircle() {
    }

    /** Haversine distance in metres between two positions in degrees. */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dLat = p2 - p1;
        double dLon = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return EARTH_RADIUS_M * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
    }
}
