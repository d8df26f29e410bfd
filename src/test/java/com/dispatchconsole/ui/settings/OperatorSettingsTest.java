package com.dispatchconsole.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One operator's settings on disk: kept, private, written whole, and never a reason for the console not to start. */
@UnitTest
class OperatorSettingsTest {

    @TempDir
    Path dir;

    private static final TableLayout.State BATCHES = new TableLayout.State(
            List.of(new TableLayout.Column("column-status", 151.5, true), new TableLayout.Column("column-kg", 60, false)),
            List.of(new TableLayout.Sort("column-status", false)));
    private static final FilterSettings.State FILTER = new FilterSettings.State(UUID.randomUUID(),
            Set.of(BatchStatus.CREATED, BatchStatus.ASSIGNED), "ana");

    @Test
    void whatIsSavedIsWhatTheNextStartReads() throws Exception {
        Path config = dir.resolve("not-there-yet").resolve("dispatch-console");
        SettingsStore store = new SettingsStore(config);
        OperatorSettings olga = store.load("olga");
        olga.put(OperatorSettings.BATCHES_TABLE, BATCHES);
        olga.put(OperatorSettings.BATCH_FILTER, FILTER);
        olga.put(OperatorSettings.THEME, new ThemeSetting.State(true));
        store.close();

        OperatorSettings again = new SettingsStore(config).load("olga");
        assertThat(again.get(OperatorSettings.BATCHES_TABLE)).contains(BATCHES);
        assertThat(again.get(OperatorSettings.BATCH_FILTER)).contains(FILTER);
        assertThat(again.get(OperatorSettings.THEME)).contains(new ThemeSetting.State(true));
        assertThat(new SettingsStore(config).load("ben").get(OperatorSettings.THEME)).isEmpty();
    }

    @Test
    void keysThisVersionDoesNotKnowAreKeptWhenSaving() throws Exception {
        Files.writeString(dir.resolve("olga.json"), "{\"slaThresholds\": {\"unassignedMinutes\": 12}, "
                + "\"theme\": {\"light\": false, \"contrast\": \"high\"}}");
        SettingsStore store = new SettingsStore(dir);
        OperatorSettings olga = store.load("olga");
        assertThat(olga.get(OperatorSettings.THEME)).contains(new ThemeSetting.State(false));
        olga.put(OperatorSettings.THEME, new ThemeSetting.State(true));
        store.save(olga);
        String saved = Files.readString(dir.resolve("olga.json"));
        assertThat(saved).contains("\"unassignedMinutes\" : 12").contains("\"light\" : true");
    }

    @Test
    void aCorruptFileGivesTheDefaultsAndOneNoticeNotACrash() throws Exception {
        Files.writeString(dir.resolve("olga.json"), "{\"theme\": {\"light\": tru");
        OperatorSettings olga = new SettingsStore(dir).load("olga");
        List<String> notices = new ArrayList<>();
        olga.onProblem(notices::add);
        assertThat(olga.get(OperatorSettings.THEME)).isEmpty();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).contains("could not be read").contains("defaults").doesNotContain("\n");
    }

    @Test
    void aSectionOfTheWrongShapeIsThatSectionsDefaultsOnly() throws Exception {
        Files.writeString(dir.resolve("olga.json"), "{\"theme\": {\"light\": {\"no\": 1}}, "
                + "\"batchFilter\": {\"text\": \"ana\"}}");
        OperatorSettings olga = new SettingsStore(dir).load("olga");
        List<String> notices = new ArrayList<>();
        olga.onProblem(notices::add);
        assertThat(olga.get(OperatorSettings.THEME)).isEmpty();
        assertThat(olga.get(OperatorSettings.BATCH_FILTER)).contains(new FilterSettings.State(null, Set.of(), "ana"));
        assertThat(notices).singleElement().asString().contains("theme");
    }

    @Test
    void theFileIsTheOwnersOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        SettingsStore store = new SettingsStore(dir.resolve("config"));
        OperatorSettings olga = store.load("olga");
        olga.put(OperatorSettings.THEME, new ThemeSetting.State(true));
        store.save(olga);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file("olga"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aSaveReplacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        OperatorSettings olga = store.load("olga");
        olga.put(OperatorSettings.THEME, new ThemeSetting.State(true));
        store.save(olga);
        Path file = store.file("olga");
        Object before = Files.readAttributes(file, "unix:ino").get("ino");
        olga.put(OperatorSettings.THEME, new ThemeSetting.State(false));
        store.save(olga);
        // A new file moved over the old one (another inode), not the old one rewritten in place, which a crash
        // could leave half written.
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isNotEqualTo(before);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"light\" : false");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("olga.json");
        }
    }

    @Test
    void operatorsNamesMakeSafeDistinctFileNames() {
        assertThat(SettingsStore.fileName("olga")).isEqualTo("olga.json");
        assertThat(SettingsStore.fileName("../etc/passwd")).doesNotContain("/").isNotEqualTo(SettingsStore.fileName("etc"));
        assertThat(SettingsStore.fileName("ana silva")).isNotEqualTo(SettingsStore.fileName("ana_silva"));
    }

    @Test
    void theDirectoryIsTheUsersConfigurationDirectoryUnlessGiven() {
        Path home = Path.of("/home/olga");
        assertThat(SettingsDirectory.resolve(null, null, Map.of(), "Linux", "/home/olga"))
                .isEqualTo(home.resolve(".config/dispatch-console"));
        assertThat(SettingsDirectory.resolve(null, null, Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", "/home/olga"))
                .isEqualTo(Path.of("/xdg/dispatch-console"));
        assertThat(SettingsDirectory.resolve(null, null, Map.of("APPDATA", "/appdata"), "Windows 11", "/home/olga"))
                .isEqualTo(Path.of("/appdata/dispatch-console"));
        assertThat(SettingsDirectory.resolve(null, "/prop", Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", "/home/olga"))
                .isEqualTo(Path.of("/prop"));
        assertThat(SettingsDirectory.resolve(Path.of("/given"), "/prop", Map.of(), "Linux", "/home/olga"))
                .isEqualTo(Path.of("/given"));
    }

    @Test
    void aWindowSavedOnAScreenThatIsGoneComesBackOnOne() {
        List<javafx.geometry.Rectangle2D> screens = List.of(new javafx.geometry.Rectangle2D(0, 0, 1600, 1000));
        javafx.geometry.Rectangle2D placed = WindowLayout.onAScreen(
                new WindowLayout.State(2500, 300, 1800, 900, false, List.of()), screens);
        assertThat(placed).isEqualTo(new javafx.geometry.Rectangle2D(0, 100, 1600, 900));
    }
}
