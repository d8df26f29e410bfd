package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.ui.palette.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import javafx.scene.control.TableView;

/**
 * What the command palette needs from the console besides its actions: why an action cannot run now (the state
 * map's own sentence, never a list of its own) and the commands made from what was typed: go to a batch by the start
 * of its id, go to a rider by a part of the name, filter by an outlet.
 */
final class ConsoleCommands {

    static final String SELECT_A_BATCH = "select a batch first";
    static final String SELECT_BATCH_AND_RIDER = "select one or more batches and a rider first";
    static final String OFFLINE = "the database cannot be reached";
    private static final int MOST = 8;

    private ConsoleCommands() {
    }

    /** Why {@code action} cannot be made on the selection now; null when it can. */
    static String whyNot(ConsoleViewModel model, LifecycleAction action) {
        if (!model.status().canChangeProperty().get()) {
            return OFFLINE;
        }
        if (model.selection().selectedBatches().isEmpty()) {
            return SELECT_A_BATCH;
        }
        if (model.selection().allowedActionsProperty().get().contains(action)) {
            return null;
        }
        for (BatchRow row : model.selection().selectedBatches()) {
            BatchRow shown = model.rows().batch(row.id());
            BatchRow now = shown == null ? row : shown;
            try {
                BatchTransitions.require(now.id(), now.status(), action.target());
            } catch (DispatchException refusal) {
                return refusal.sentence();
            }
        }
        return "not possible for this selection";
    }

    /** Why the selection cannot be given to the selected rider now; null when it can. */
    static String whyNotAssign(ConsoleViewModel model) {
        if (!model.status().canChangeProperty().get()) {
            return OFFLINE;
        }
        return model.selection().canAssignSelectionToSelectedRider() ? null : SELECT_BATCH_AND_RIDER;
    }

    /** "3ed1" or "batch 3ed1" (a leading hash sign is ignored): the batches whose id starts so, selected (and shown: the filter opens up). */
    static Function<String, List<Command>> goToBatch(ConsoleViewModel model, TableView<BatchRow> table) {
        return query -> {
            String prefix = query.toLowerCase(Locale.ROOT).replaceFirst("^(batch\\s+|#)", "").strip();
            if (prefix.length() < 3 || !prefix.matches("[0-9a-f-]+")) {
                return List.of();
            }
            List<Command> found = new ArrayList<>();
            for (BatchRow batch : model.rows().allBatches()) {
                if (batch.id().toString().startsWith(prefix) && found.size() < MOST) {
                    found.add(Command.of("Go to batch " + ShortId.of(batch.id()) + " · " + Labels.of(batch.status())
                            + " · " + batch.outletName(), "", () -> showBatch(model, table, batch.id())));
                }
            }
            return found;
        };
    }

    /** "ben", "rider ben": the riders whose name holds it, selected (the rider search cleared if it hid them). */
    static Function<String, List<Command>> goToRider(ConsoleViewModel model, TableView<RiderRow> table) {
        return query -> {
            String part = query.toLowerCase(Locale.ROOT).replaceFirst("^rider\\s+", "").strip();
            if (part.length() < 2) {
                return List.of();
            }
            List<Command> found = new ArrayList<>();
            for (RiderRow rider : model.rows().riders()) {
                if (rider.name().toLowerCase(Locale.ROOT).contains(part) && found.size() < MOST) {
                    found.add(Command.of("Go to rider " + rider.name(), "", () -> showRider(model, table, rider.id())));
                }
            }
            return found;
        };
    }

    /** "Outlet filter: All outlets" and one per outlet, when the query matches them. */
    static Function<String, List<Command>> outletFilters(ConsoleViewModel model) {
        return query -> {
            List<Command> all = new ArrayList<>();
            all.add(Command.of("Outlet filter: All outlets", "", () -> model.rows().filter().outletProperty().set(null)));
            for (OutletRow outlet : model.rows().outlets()) {
                all.add(Command.of("Outlet filter: " + outlet.name(), "",
                        () -> model.rows().filter().outletProperty().set(outlet)));
            }
            String q = query.toLowerCase(Locale.ROOT);
            return all.stream().filter(c -> matches(c.title(), q)).toList();
        };
    }

    private static boolean matches(String title, String q) {
        String t = title.toLowerCase(Locale.ROOT);
        for (String word : q.split("\\s+")) {
            if (!t.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static void showBatch(ConsoleViewModel model, TableView<BatchRow> table, UUID id) {
        if (!select(table, BatchRow::id, id)) {
            // The filter hides it: show everything, no text or outlet filter, then select it.
            model.rows().filter().textProperty().set("");
            model.rows().filter().outletProperty().set(null);
            model.rows().filter().show(BatchView.EVERYTHING);
            select(table, BatchRow::id, id);
        }
    }

    private static void showRider(ConsoleViewModel model, TableView<RiderRow> table, UUID id) {
        if (!select(table, RiderRow::id, id)) {
            model.rows().riderFilter().textProperty().set("");
            model.rows().riderFilter().fitsSelectedProperty().set(false);
            select(table, RiderRow::id, id);
        }
    }

    private static <T> boolean select(TableView<T> table, Function<T, UUID> idOf, UUID id) {
        List<T> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(id)) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(Math.max(0, i - 2));
                table.requestFocus();
                return true;
            }
        }
        return false;
    }
}
