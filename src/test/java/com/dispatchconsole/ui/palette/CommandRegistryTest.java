package com.dispatchconsole.ui.palette;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

/** What the palette finds for what is typed, in which order, and what a disabled command says and does. */
@UnitTest
class CommandRegistryTest {

    private final CommandRegistry registry = new CommandRegistry();
    private final AtomicInteger ran = new AtomicInteger();

    private List<String> titles(String query) {
        return registry.search(query).stream().map(Command::title).toList();
    }

    @Test
    void matchesCaseInsensitivelyBySubstringAndByLettersInOrder() {
        registry.add("Picked up", "Ctrl+P", ran::incrementAndGet);
        registry.add("Out for delivery", "Ctrl+O", ran::incrementAndGet);
        registry.add("Notification log", "", ran::incrementAndGet);

        assertThat(titles("PICK")).containsExactly("Picked up");
        assertThat(titles("delivery")).containsExactly("Out for delivery");
        assertThat(titles("ofd")).as("fuzzy: o…f…d in order").containsExactly("Out for delivery");
        assertThat(titles("nlog")).containsExactly("Notification log");
        assertThat(titles("xyz")).isEmpty();
        assertThat(titles("dfo")).as("letters out of order do not match").isEmpty();
        assertThat(titles("  ")).as("nothing typed: everything, in the order added")
                .containsExactly("Picked up", "Out for delivery", "Notification log");
    }

    @Test
    void ordersPrefixThenWordStartThenSubstringThenAllWordsThenFuzzy() {
        registry.add("Fuzzy: c-a-n-c-e-l spread out", "", ran::incrementAndGet);  // fuzzy for "cancel"
        registry.add("Uncancelable thing", "", ran::incrementAndGet);           // contains "cancel"
        registry.add("Undo the cancel", "", ran::incrementAndGet);              // a word starts with it
        registry.add("Cancel…", "Ctrl+Shift+X", ran::incrementAndGet);          // starts with it
        registry.add("Cancel all words? cancel", "", ran::incrementAndGet);     // starts with it, added later

        assertThat(titles("cancel")).containsExactly("Cancel…", "Cancel all words? cancel", "Undo the cancel",
                "Uncancelable thing", "Fuzzy: c-a-n-c-e-l spread out");
        registry.add("Log of the notices", "", ran::incrementAndGet);
        assertThat(titles("notices log")).as("every word, in any order").containsExactly("Log of the notices");
    }

    @Test
    void tighterFuzzyMatchesComeFirst() {
        registry.add("a.........b.........c", "", ran::incrementAndGet);
        registry.add("a.b.c", "", ran::incrementAndGet);
        assertThat(titles("abc")).containsExactly("a.b.c", "a.........b.........c");
    }

    @Test
    void aDisabledCommandSaysWhyRunsNothingAndComesAfterAnEnabledOneThatMatchesAsWell() {
        SimpleBooleanProperty selected = new SimpleBooleanProperty(false);
        Command pick = registry.add("Picked up", "Ctrl+P", selected, "select a batch first", ran::incrementAndGet);
        registry.add("Picked up list", "", ran::incrementAndGet);

        assertThat(pick.enabled()).isFalse();
        assertThat(pick.disabledReason()).isEqualTo("select a batch first");
        assertThat(pick.run()).isFalse();
        assertThat(ran).hasValue(0);
        assertThat(titles("picked")).as("same score: enabled first").containsExactly("Picked up list", "Picked up");

        selected.set(true);
        assertThat(pick.enabled()).isTrue();
        assertThat(pick.disabledReason()).isEmpty();
        assertThat(titles("picked")).as("same score, both enabled: in the order added")
                .containsExactly("Picked up", "Picked up list");
        assertThat(pick.run()).isTrue();
        assertThat(ran).hasValue(1);
    }

    @Test
    void whatCanBeDoneNowComesBeforeABetterMatchThatCannot() {
        SimpleBooleanProperty selected = new SimpleBooleanProperty(false);
        registry.add("Unassign", "Ctrl+U", selected, "select a batch first", ran::incrementAndGet);
        registry.add("View: Unassigned queue", "", ran::incrementAndGet);

        // "Unassign" matches from its start, the view only at a word start; with no batch selected the view wins.
        assertThat(titles("unass")).containsExactly("View: Unassigned queue", "Unassign");
        selected.set(true);
        assertThat(titles("unass")).containsExactly("Unassign", "View: Unassigned queue");
    }

    @Test
    void aReasonSupplierIsAskedEveryTime() {
        String[] why = {"the database cannot be reached"};
        Command reload = registry.add("Reload", "F5", () -> why[0], ran::incrementAndGet);
        assertThat(reload.disabledReason()).isEqualTo("the database cannot be reached");
        why[0] = null;
        assertThat(reload.enabled()).isTrue();
        assertThat(reload.shortcut()).isEqualTo("F5");
        assertThat(Command.of("No shortcut", null, ran::incrementAndGet).shortcut()).isEmpty();
    }

    @Test
    void sourcesAddCommandsMadeFromWhatWasTypedButNotForAnEmptyQuery() {
        registry.add("Go to the review queue", "", ran::incrementAndGet);
        registry.addSource(q -> q.startsWith("3e") ? List.of(Command.of("Go to batch 3ed134bd", "", ran::incrementAndGet))
                : List.of());
        assertThat(titles("3ed1")).containsExactly("Go to batch 3ed134bd");
        assertThat(titles("")).containsExactly("Go to the review queue");
        assertThat(titles("go to")).containsExactly("Go to the review queue");
    }
}
