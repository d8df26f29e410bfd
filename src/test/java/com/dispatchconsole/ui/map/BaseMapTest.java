package com.dispatchconsole.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.demo.City;
import com.dispatchconsole.domain.geo.BaseMap;
import com.dispatchconsole.domain.geo.MapViewport;
import com.dispatchconsole.testing.UnitTest;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The bundled base map reads, and its streets are where the demo city puts its addresses. */
@UnitTest
class BaseMapTest {

    @Test
    void everyStreetOfTheDemoCityIsDrawnWhereItsHousesAre() {
        BaseMap map = BaseMaps.demoCity();
        for (City.Street street : City.STREETS) {
            BaseMap.Feature drawn = map.features().stream()
                    .filter(f -> f.kind() == BaseMap.Kind.STREET && f.name().equals(street.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no street " + street.name() + " on the base map"));
            City.Point house = City.positionOf("42 " + street.name());
            for (MapViewport.LatLon p : drawn.points()) {
                double offset = street.eastWest() ? Math.abs(p.lat() - house.lat()) : Math.abs(p.lon() - house.lon());
                assertThat(offset).as(street.name()).isLessThan(0.0002);
            }
        }
        assertThat(map.features()).extracting(BaseMap.Feature::kind).contains(BaseMap.Kind.DISTRICT, BaseMap.Kind.WATER);
        // Districts are drawn first (at the bottom), streets last.
        assertThat(map.features().get(0).kind()).isEqualTo(BaseMap.Kind.DISTRICT);
        assertThat(map.features().get(map.features().size() - 1).kind()).isEqualTo(BaseMap.Kind.STREET);
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> BaseMap.read(new StringReader("# ok\nstreet|A|51.5,-0.1\n")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> BaseMap.read(new StringReader("street|A|51.5;-0.1,51.6\n")))
                .hasMessageContaining("line 1");
        assertThat(BaseMap.read(new StringReader("park|P|1,2;3,4;5,6\n")).features().get(0).closed()).isTrue();
    }

    @Test
    void theScaleBarUsesRoundDistances() {
        assertThat(MapPane.niceMetres(730)).isEqualTo(500);
        assertThat(MapPane.niceMetres(1999)).isEqualTo(1000);
        assertThat(MapPane.niceMetres(2000)).isEqualTo(2000);
        assertThat(MapPane.niceMetres(49)).isEqualTo(20);
    }
}
