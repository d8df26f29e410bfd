package com.dispatchconsole.domain.geo;

import java.util.Collection;

/**
 * What a map pane shows: the position at its centre, the zoom and its size in pixels. Turns positions into pane
 * coordinates and back, and makes the viewport a pan, a zoom about a point or a fit to some positions makes.
 * Immutable; every change returns a new viewport. Pure: no JavaFX.
 *
 * @param zoom between {@link #MIN_ZOOM} and {@link #MAX_ZOOM}
 */
public record MapViewport(double centreLat, double centreLon, double zoom, double width, double height) {

    public static final double MIN_ZOOM = 2;
    public static final double MAX_ZOOM = 19;

    /** A position in degrees. */
    public record LatLon(double lat, double lon) {
    }

    /** A point in the pane, in pixels from its top left corner. */
    public record Point(double x, double y) {
    }

    public MapViewport {
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
        centreLat = WebMercator.clampLatitude(centreLat);
        width = Math.max(0, width);
        height = Math.max(0, height);
    }

    /** Where a position falls in the pane (outside 0..width × 0..height when it is off screen). */
    public Point toScreen(double lat, double lon) {
        WebMercator.Pixel centre = WebMercator.project(centreLat, centreLon, zoom);
        WebMercator.Pixel p = WebMercator.project(lat, lon, zoom);
        return new Point(p.x() - centre.x() + width / 2, p.y() - centre.y() + height / 2);
    }

    /** The position under a point of the pane. */
    public LatLon toLatLon(double x, double y) {
        WebMercator.Pixel centre = WebMercator.project(centreLat, centreLon, zoom);
        double wx = centre.x() + x - width / 2;
        double wy = centre.y() + y - height / 2;
        return new LatLon(WebMercator.latitude(wy, zoom), WebMercator.longitude(wx, zoom));
    }

    /** The same map in a pane of another size, centred where it was. */
    public MapViewport resized(double newWidth, double newHeight) {
        return new MapViewport(centreLat, centreLon, zoom, newWidth, newHeight);
    }

    /** The map moved with the hand: what was at (x, y) is now at (x + dx, y + dy). */
    public MapViewport panBy(double dx, double dy) {
        LatLon centre = toLatLon(width / 2 - dx, height / 2 - dy);
        return new MapViewport(centre.lat(), centre.lon(), zoom, width, height);
    }

    /** Zoomed by {@code steps} levels (negative: out) about the pane point (x, y), which keeps its position. */
    public MapViewport zoomAbout(double steps, double x, double y) {
        double newZoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom + steps));
        LatLon anchor = toLatLon(x, y);
        MapViewport zoomed = new MapViewport(centreLat, centreLon, newZoom, width, height);
        Point moved = zoomed.toScreen(anchor.lat(), anchor.lon());
        return zoomed.panBy(x - moved.x(), y - moved.y());
    }

    /**
     * The viewport of this size that shows every position with {@code margin} pixels to spare, as close as that
     * allows (at most {@code maxZoom}); this one unchanged when there are no positions.
     */
    public MapViewport fit(Collection<LatLon> positions, double margin, double maxZoom) {
        if (positions.isEmpty() || width <= 2 * margin || height <= 2 * margin) {
            return this;
        }
        double south = 90;
        double north = -90;
        double west = 180;
        double east = -180;
        for (LatLon p : positions) {
            south = Math.min(south, p.lat());
            north = Math.max(north, p.lat());
            west = Math.min(west, p.lon());
            east = Math.max(east, p.lon());
        }
        WebMercator.Pixel sw = WebMercator.project(south, west, 0);
        WebMercator.Pixel ne = WebMercator.project(north, east, 0);
        double spanX = Math.max(1e-9, ne.x() - sw.x());
        double spanY = Math.max(1e-9, sw.y() - ne.y());
        double fitZoom = Math.min(Math.log((width - 2 * margin) / spanX) / Math.log(2),
                Math.log((height - 2 * margin) / spanY) / Math.log(2));
        double centreX = (sw.x() + ne.x()) / 2;
        double centreY = (sw.y() + ne.y()) / 2;
        return new MapViewport(WebMercator.latitude(centreY, 0), WebMercator.longitude(centreX, 0),
                Math.min(maxZoom, fitZoom), width, height);
    }

    /** Metres on the ground per pixel at the centre. */
    public double metresPerPixel() {
        return WebMercator.metresPerPixel(centreLat, zoom);
    }
}
