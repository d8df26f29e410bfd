package com.dispatchconsole.ui.presence;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.realtime.Presence;
import com.dispatchconsole.realtime.PresenceHub;
import com.dispatchconsole.realtime.PresenceKind;
import com.dispatchconsole.realtime.PresenceSnapshot;
import com.dispatchconsole.ui.common.UiExecutor;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

/**
 * Who else is on which batch, for the console's rows and detail pane, and what this console says about itself:
 * the batch its detail pane shows (viewing) or the batches its operator drags (dragging). Until a
 * {@link PresenceHub} is connected (a console without a live feed) it shows nobody and says nothing. Used on the UI
 * thread; nothing here waits for the database.
 */
public final class PresenceViewModel {

    private final UiExecutor ui;
    private final ReadOnlyObjectWrapper<PresenceSnapshot> others = new ReadOnlyObjectWrapper<>(PresenceSnapshot.EMPTY);
    private PresenceHub hub;
    private UUID viewing;
    private List<UUID> dragging = List.of();

    public PresenceViewModel(UiExecutor ui) {
        this.ui = ui;
    }

    /** Shares and hears presence through {@code presence} from now on. */
    public void connect(PresenceHub presence) {
        this.hub = presence;
        presence.listen(snapshot -> ui.onUiThread(() -> others.set(snapshot)));
        announce();
    }

    /** This console views whatever batch {@code shown} holds (the detail pane's). */
    public void follow(ObservableValue<BatchRow> shown) {
        shown.addListener((o, was, batch) -> viewing(batch == null ? null : batch.id()));
        viewing(shown.getValue() == null ? null : shown.getValue().id());
    }

    public void viewing(UUID batch) {
        viewing = batch;
        announce();
    }

    /** This console's operator drags {@code batches} (repeated calls with the same batches change nothing). */
    public void dragging(List<UUID> batches) {
        if (!batches.equals(dragging)) {
            dragging = List.copyOf(batches);
            announce();
        }
    }

    public void dragEnded() {
        dragging(List.of());
    }

    private void announce() {
        if (hub == null) {
            return;
        }
        if (!dragging.isEmpty()) {
            hub.show(PresenceKind.DRAGGING, dragging);
        } else if (viewing != null) {
            hub.show(PresenceKind.VIEWING, List.of(viewing));
        } else {
            hub.show(PresenceKind.NONE, List.of());
        }
    }

    /** Others' presence now; changes at most a few times a second. */
    public ReadOnlyObjectProperty<PresenceSnapshot> othersProperty() {
        return others.getReadOnlyProperty();
    }

    /** "Olga is viewing" for {@code batch}; "" when no other console is on it. */
    public String label(UUID batch) {
        return PresenceText.of(others.get().on(batch));
    }

    /** "Ben is dragging this batch too" when another console drags any of {@code batches}; else null. */
    public String dragWarning(Collection<UUID> batches) {
        Set<String> draggers = new LinkedHashSet<>();
        for (UUID batch : batches) {
            others.get().on(batch).stream().filter(p -> p.kind() == PresenceKind.DRAGGING)
                    .map(Presence::operator).forEach(draggers::add);
        }
        return PresenceText.dragWarning(List.copyOf(draggers), batches.size());
    }
}
