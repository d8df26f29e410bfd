package com.dispatchconsole.domain.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dispatchconsole.domain.GreatCircle;
import com.dispatchconsole.testing.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The projection and the viewport the map pane draws with: known values, round trips, pans, zooms and fits. */
@UnitTest
class WebMercatorTest {

    @Test
    void theWorldIsASquareOf256PixelsAtZoomZeroWithNullIslandInItsMiddle() {
        assertThat(WebMercator.worldSize(0)).isEqualTo(256);
        assertThat(WebMercator.worldSize(3)).isEqualTo(2048);
        WebMercator.Pixel origin = WebMercator.project(0, 0, 0);
        assertThat(origin.x()).isCloseTo(128, within(1e-9));
        assertThat(origin.y()).isCloseTo(128, within(1e-9));
        // The corners of the square: the date line and the projection's edge latitude.
        WebMercator.Pixel northWest = WebMercator.project(WebMercator.MAX_LATITUDE, -180, 0);
        assertThat(northWest.x()).isCloseTo(0, within(1e-9));
        assertThat(northWest.y()).isCloseTo(0, within(1e-6));
        assertThat(WebMercator.project(-WebMercator.MAX_LATITUDE, 180, 0).y()).isCloseTo(256, within(1e-6));
    }

    @Test
    void aKnownPlaceFallsOnItsKnownTile() {
        // Trafalgar Square (51.5080, -0.1281): slippy-map tile 16/32744/21792 (x = (lon + 180) / 360 · 2^z,
        // y = (1 − asinh(tan φ) / π) / 2 · 2^z), and EPSG:3857 metres (−14260.03, 6711649.79) from the origin.
        WebMercator.Pixel p = WebMercator.project(51.5080, -0.1281, 16);
        assertThat((int) Math.floor(p.x() / 256)).isEqualTo(32744);
        assertThat((int) Math.floor(p.y() / 256)).isEqualTo(21792);
        double metresPerPixel = 2 * Math.PI * WebMercator.EARTH_RADIUS_M / WebMercator.worldSize(16);
        double half = WebMercator.worldSize(16) / 2;
        assertThat((p.x() - half) * metresPerPixel).isCloseTo(-14260.03, within(0.01));
        assertThat((half - p.y()) * metresPerPixel).isCloseTo(6711649.79, within(0.01));
    }

    @Test
    void latitudesBeyondTheSquareAreClampedToItsEdge() {
        assertThat(WebMercator.project(89.9, 0, 0).y()).isCloseTo(0, within(1e-6));
        assertThat(WebMercator.project(-90, 0, 0).y()).isCloseTo(256, within(1e-6));
    }

    @Test
    void projectingAndInvertingGiveThePositionBack() {
        for (double[] p : new double[][] {{51.5, -0.12}, {-33.86, 151.2}, {0, 0}, {64.1, -21.9}, {-54.8, -68.3}}) {
            for (double zoom : new double[] {0, 7.5, 13, 19}) {
                WebMercator.Pixel px = WebMercator.project(p[0], p[1], zoom);
                assertThat(WebMercator.latitude(px.y(), zoom)).isCloseTo(p[0], within(1e-9));
                assertThat(WebMercator.longitude(px.x(), zoom)).isCloseTo(p[1], within(1e-9));
            }
        }
    }

    @Test
    void onePixelCoversTheEquatorsLengthOver256AtZoomZeroAndLessTowardsThePoles() {
        assertThat(WebMercator.metresPerPixel(0, 0)).isCloseTo(156_543.03, within(0.01));
        assertThat(WebMercator.metresPerPixel(0, 1)).isCloseTo(78_271.52, within(0.01));
        assertThat(WebMercator.metresPerPixel(60, 0)).isCloseTo(156_543.03 / 2, within(0.01));
    }

    @Test
    void theViewportPutsItsCentreInTheMiddleAndTurnsScreenPointsBackIntoPositions() {
        MapViewport view = new MapViewport(51.51, -0.12, 14, 800, 600);
        MapViewport.Point centre = view.toScreen(51.51, -0.12);
        assertThat(centre.x()).isCloseTo(400, within(1e-6));
        assertThat(centre.y()).isCloseTo(300, within(1e-6));
        // North is up, east is right.
        assertThat(view.toScreen(51.52, -0.12).y()).isLessThan(300);
        assertThat(view.toScreen(51.51, -0.11).x()).isGreaterThan(400);
        MapViewport.LatLon back = view.toLatLon(123, 456);
        MapViewport.Point again = view.toScreen(back.lat(), back.lon());
        assertThat(again.x()).isCloseTo(123, within(1e-6));
        assertThat(again.y()).isCloseTo(456, within(1e-6));
    }

    @Test
    void aPanMovesWhatWasUnderTheHandWithTheHand() {
        MapViewport view = new MapViewport(51.51, -0.12, 14, 800, 600);
        MapViewport.LatLon grabbed = view.toLatLon(200, 150);
        MapViewport panned = view.panBy(70, -40);
        MapViewport.Point now = panned.toScreen(grabbed.lat(), grabbed.lon());
        assertThat(now.x()).isCloseTo(270, within(1e-6));
        assertThat(now.y()).isCloseTo(110, within(1e-6));
        assertThat(panned.zoom()).isEqualTo(14);
    }

    @Test
    void aZoomKeepsThePointUnderTheCursorWhereItIsAndStaysWithinTheLimits() {
        MapViewport view = new MapViewport(51.51, -0.12, 14, 800, 600);
        MapViewport.LatLon under = view.toLatLon(650, 100);
        MapViewport zoomed = view.zoomAbout(1, 650, 100);
        assertThat(zoomed.zoom()).isEqualTo(15);
        MapViewport.Point still = zoomed.toScreen(under.lat(), under.lon());
        assertThat(still.x()).isCloseTo(650, within(1e-6));
        assertThat(still.y()).isCloseTo(100, within(1e-6));
        // Twice the zoom level, half the metres per pixel.
        assertThat(zoomed.metresPerPixel()).isCloseTo(view.metresPerPixel() / 2, within(0.01));
        assertThat(view.zoomAbout(40, 0, 0).zoom()).isEqualTo(MapViewport.MAX_ZOOM);
        assertThat(view.zoomAbout(-40, 0, 0).zoom()).isEqualTo(MapViewport.MIN_ZOOM);
    }

    @Test
    void aFitShowsEveryPositionInsideTheMarginAsCloseAsItCan() {
        MapViewport view = new MapViewport(0, 0, 3, 800, 600);
        List<MapViewport.LatLon> city = List.of(new MapViewport.LatLon(51.49, -0.16), new MapViewport.LatLon(51.53, -0.08),
                new MapViewport.LatLon(51.50, -0.10));
        MapViewport fitted = view.fit(city, 40, 18);
        for (MapViewport.LatLon p : city) {
            MapViewport.Point at = fitted.toScreen(p.lat(), p.lon());
            assertThat(at.x()).isBetween(40 - 1e-6, 760 + 1e-6);
            assertThat(at.y()).isBetween(40 - 1e-6, 560 + 1e-6);
        }
        // As close as it can: one level closer no longer fits.
        MapViewport closer = fitted.zoomAbout(0.25, 400, 300);
        boolean allInside = city.stream().map(p -> closer.toScreen(p.lat(), p.lon()))
                .allMatch(p -> p.x() >= 40 && p.x() <= 760 && p.y() >= 40 && p.y() <= 560);
        assertThat(allInside).isFalse();
        // One position: as close as allowed, centred on it.
        MapViewport one = view.fit(List.of(new MapViewport.LatLon(51.5, -0.1)), 40, 16);
        assertThat(one.zoom()).isEqualTo(16);
        assertThat(one.toScreen(51.5, -0.1).x()).isCloseTo(400, within(1e-6));
        assertThat(view.fit(List.of(), 40, 16)).isEqualTo(view);
    }

    @Test
    void aScreenDistanceTimesMetresPerPixelIsTheDistanceOnTheGround() {
        MapViewport view = new MapViewport(51.51, -0.12, 15, 800, 600);
        MapViewport.LatLon a = view.toLatLon(300, 300);
        MapViewport.LatLon b = view.toLatLon(500, 300);
        assertThat(GreatCircle.metres(a.lat(), a.lon(), b.lat(), b.lon()))
                .isCloseTo(200 * view.metresPerPixel(), within(200 * view.metresPerPixel() * 0.01));
    }
}
