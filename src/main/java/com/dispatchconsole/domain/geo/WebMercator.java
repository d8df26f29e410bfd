package com.dispatchconsole.domain.geo;

/**
 * The Web-Mercator projection (EPSG:3857) as map tiles use it: the world is a square of {@code 256 · 2^zoom} pixels,
 * x growing east from longitude −180°, y growing south from latitude +85.0511° (the square's edge). Zoom may be
 * fractional. Pure arithmetic: no clock, no JavaFX.
 */
public final class WebMercator {

    /** Pixels across the whole world at zoom 0. */
    public static final double TILE_SIZE = 256;
    /** The latitude where the projection's square ends (north and south): atan(sinh(π)). */
    public static final double MAX_LATITUDE = Math.toDegrees(Math.atan(Math.sinh(Math.PI)));
    /** The Earth's radius the projection assumes (WGS 84 semi-major axis), in metres. */
    public static final double EARTH_RADIUS_M = 6_378_137;

    /** A point in world pixels at some zoom. */
    public record Pixel(double x, double y) {
    }

    private WebMercator() {
    }

    /** The world's width (and height) in pixels at {@code zoom}. */
    public static double worldSize(double zoom) {
        return TILE_SIZE * Math.pow(2, zoom);
    }

    /** Where a position falls, in world pixels at {@code zoom}; latitudes beyond the square are clamped to its edge. */
    public static Pixel project(double lat, double lon, double zoom) {
        double size = worldSize(zoom);
        double phi = Math.toRadians(clampLatitude(lat));
        double x = (lon + 180) / 360 * size;
        double y = (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * size;
        return new Pixel(x, y);
    }

    /** The latitude at world pixel row {@code y} at {@code zoom}. */
    public static double latitude(double y, double zoom) {
        double n = Math.PI * (1 - 2 * y / worldSize(zoom));
        return Math.toDegrees(Math.atan(Math.sinh(n)));
    }

    /** The longitude at world pixel column {@code x} at {@code zoom}. */
    public static double longitude(double x, double zoom) {
        return x / worldSize(zoom) * 360 - 180;
    }

    /** How many metres on the ground one pixel covers at {@code lat} and {@code zoom} (for the scale bar). */
    public static double metresPerPixel(double lat, double zoom) {
        return Math.cos(Math.toRadians(clampLatitude(lat))) * 2 * Math.PI * EARTH_RADIUS_M / worldSize(zoom);
    }

    public static double clampLatitude(double lat) {
        return Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
    }
}
