package com.dispatchconsole.ui.map;

import com.dispatchconsole.domain.geo.BaseMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled base map (the demo city's streets and districts), read once. */
final class BaseMaps {

    static final String DEMO_CITY = "/com/dispatchconsole/ui/map/demo-city.basemap";

    private static BaseMap demoCity;

    private BaseMaps() {
    }

    static synchronized BaseMap demoCity() {
        if (demoCity == null) {
            try (InputStream in = BaseMaps.class.getResourceAsStream(DEMO_CITY)) {
                demoCity = in == null ? BaseMap.EMPTY : BaseMap.read(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return demoCity;
    }
}
