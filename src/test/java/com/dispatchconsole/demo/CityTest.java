package com.dispatchconsole.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dispatchconsole.testing.UnitTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo city: every address has one place on its street, and riders' routes follow the grid. */
@UnitTest
class CityTest {

    @Test
    void everyHouseIsOnItsStreetInsideTheCity() {
        for (City.Street street : City.STREETS) {
            for (int n = 1; n <= City.HIGHEST_NUMBER; n++) {
                City.Point p = City.positionOf(n + " " + street.name());
                assertThat(p.lat()).isBetween(City.SOUTH, City.NORTH);
                assertThat(p.lon()).isBetween(City.WEST, City.EAST);
                assertThat(street.eastWest() ? p.lat() : p.lon()).isCloseTo(street.at(), within(0.0001));
            }
        }
        assertThat(City.STREETS).filteredOn(City.Street::eastWest).hasSize(5);
    }

    @Test
    void theSameAddressIsAlwaysInTheSamePlaceAndNeighboursAreClose() {
        assertThat(City.positionOf("42 Mill Row")).isEqualTo(City.positionOf("42 Mill Row"));
        assertThat(City.positionOf(" 42  mill row ")).isEqualTo(City.positionOf("42 Mill Row"));
        assertThat(City.metres(City.positionOf("42 Mill Row"), City.positionOf("44 Mill Row"))).isLessThan(60);
        assertThat(City.metres(City.positionOf("1 Mill Row"), City.positionOf("180 Mill Row"))).isGreaterThan(2_000);
        // Odd and even numbers face each other across the street.
        assertThat(City.metres(City.positionOf("41 Mill Row"), City.positionOf("42 Mill Row"))).isBetween(10.0, 40.0);
    }

    @Test
    void theDemoSeedPlacesItsAddressesInTheCity() {
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            String address = City.randomAddress(random);
            assertThat(City.streetOf(address)).isNotNull();
            double[] seeded = DemoData.positionOf(address);
            City.Point p = City.positionOf(address);
            assertThat(seeded).containsExactly(p.lat(), p.lon());
        }
        assertThat(City.streetOf(DemoData.outletAddress(2))).isNotNull();
    }

    @Test
    void anAddressOffTheMapStillLandsInsideTheBoxAndStaysPut() {
        City.Point p = City.positionOf("12 Depot Road");
        assertThat(p.lat()).isBetween(City.SOUTH, City.NORTH);
        assertThat(p.lon()).isBetween(City.WEST, City.EAST);
        assertThat(City.positionOf("12 Depot Road")).isEqualTo(p);
        assertThat(City.streetOf("12 Depot Road")).isNull();
    }

    @Test
    void aRouteFollowsTheGridFromStartToEnd() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            City.Point from = City.positionOf(City.randomAddress(random));
            City.Point to = City.positionOf(City.randomAddress(random));
            List<City.Point> way = City.route(from, to);
            assertThat(way.get(0)).isEqualTo(from);
            assertThat(way.get(way.size() - 1)).isEqualTo(to);
            double length = 0;
            for (int k = 1; k < way.size(); k++) {
                City.Point a = way.get(k - 1);
                City.Point b = way.get(k);
                // Along a street: north–south or east–west, never across a block.
                assertThat(a.lat() == b.lat() || a.lon() == b.lon()).as("leg %s -> %s", a, b).isTrue();
                length += City.metres(a, b);
            }
            assertThat(length).isGreaterThanOrEqualTo(City.metres(from, to) - 0.01);
        }
    }

    @Test
    void anOffsetPointIsThatFarAway() {
        City.Point p = City.positionOf("90 High Street");
        for (int bearing = 0; bearing < 360; bearing += 45) {
            assertThat(City.metres(p, City.offset(p, 500, bearing))).isCloseTo(500, within(2.0));
        }
    }
}
