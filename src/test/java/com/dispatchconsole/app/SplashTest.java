package com.dispatchconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import com.dispatchconsole.ui.start.StartWindow;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The launcher shows the splash the jar's manifest names before any of our classes load; the start window then
 * opens on the same spot. If the name in the build went stale the launcher would show nothing (it says nothing
 * either), and a splash of another size would stick out from under the start window.
 */
@UnitTest
class SplashTest {

    @Test
    void theManifestNamesASplashTheStartWindowCoversExactly() throws Exception {
        Matcher named = Pattern.compile("<SplashScreen-Image>([^<]+)</SplashScreen-Image>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(named.find()).as("pom.xml names the splash in the jar's manifest").isTrue();
        try (InputStream in = SplashTest.class.getClassLoader().getResourceAsStream(named.group(1))) {
            assertThat(in).as("the splash %s is in the jar", named.group(1)).isNotNull();
            BufferedImage splash = ImageIO.read(in);
            assertThat((double) splash.getWidth()).isEqualTo(StartWindow.WIDTH);
        }
    }

    @Test
    void withoutASplashThereIsNothingToFollowOrClose() {
        // Tests start no launcher splash (and run headless): no place, and closing is quiet.
        assertThat(Splash.place()).isEmpty();
        Splash.close();
    }
}
