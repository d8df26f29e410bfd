package com.dispatchconsole.ui.reports;

import com.dispatchconsole.ui.common.EscapeCloses;
import com.dispatchconsole.ui.common.Theme;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The console header's Reports menu: export what the batches or riders table shows, the history or the PoD
 * verdicts of a range of days, and open the shift summary.
 */
public final class ReportsMenu {

    private ReportsMenu() {
    }

    /** The menu button; {@code summaries} makes a fresh summary model for each window opened. */
    public static MenuButton button(ExportsViewModel exports, Supplier<ShiftSummaryViewModel> summaries,
                                    TableView<?> batches, TableView<?> riders) {
        MenuButton menu = new MenuButton("Reports");
        menu.setId("reports-menu");
        menu.getItems().addAll(
                item("report-summary", "Shift summary…", () -> openSummary(menu, summaries.get())),
                new SeparatorMenuItem(),
                item("export-batches", "Export batches as shown (CSV)…", () -> exportTable(menu, exports, batches,
                        "batches", "Export the batches table")),
                item("export-riders", "Export riders as shown (CSV)…", () -> exportTable(menu, exports, riders,
                        "riders", "Export the riders table")),
                item("export-history", "Export history of days (CSV)…", () -> askDays(menu, "Export history")
                        .ifPresent(days -> exports.exportHistory(days.first(), days.last(),
                                ask(menu, "Export history", "history-" + days.first() + ".csv")))),
                item("export-reviews", "Export PoD reviews of days (CSV)…", () -> askDays(menu, "Export PoD reviews")
                        .ifPresent(days -> exports.exportReviews(days.first(), days.last(),
                                ask(menu, "Export PoD reviews", "pod-reviews-" + days.first() + ".csv")))));
        return menu;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static void exportTable(MenuButton menu, ExportsViewModel exports, TableView<?> table, String what,
                                    String title) {
        // Read on the FX thread as shown now, before the dialog: what the dispatcher chose to export.
        TableExport.Shown shown = TableExport.shown(table);
        Path file = ask(menu, title, what + "-" + LocalDate.now() + ".csv");
        exports.exportRows(what, file, shown.header(), shown.rows());
    }

    private static Path ask(MenuButton menu, String title, String suggested) {
        return FileChoice.current().ask(window(menu), title, suggested, "csv");
    }

    /** The days an export covers, as chosen; an end before the start is passed on to be refused with a reason. */
    record Days(LocalDate first, LocalDate last) {
    }

    private static Optional<Days> askDays(MenuButton menu, String title) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.initOwner(window(menu));
        DatePicker first = DayPicker.create("export-first", LocalDate.now());
        DatePicker last = DayPicker.create("export-last", LocalDate.now());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("First day"), first);
        grid.addRow(1, new Label("Last day"), last);
        dialog.getDialogPane().setContent(grid);
        ButtonType export = new ButtonType("Choose file…", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(export, ButtonType.CANCEL);
        if (menu.getScene() != null) {
            Theme.copy(menu.getScene(), dialog.getDialogPane());
        }
        return dialog.showAndWait().filter(b -> b == export).map(b -> new Days(commit(first), commit(last)));
    }

    /** A date typed but not yet confirmed with Enter counts as chosen. */
    private static LocalDate commit(DatePicker picker) {
        String typed = picker.getEditor().getText();
        if (typed != null && !typed.isBlank()) {
            try {
                return picker.getConverter().fromString(typed);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return picker.getValue();
    }

    private static void openSummary(MenuButton menu, ShiftSummaryViewModel model) {
        Stage stage = new Stage();
        stage.initOwner(window(menu));
        stage.setTitle("Shift summary");
        Scene scene = new Scene(new ShiftSummaryView(model).root(), 1480, 860);
        if (menu.getScene() != null) {
            Theme.follow(menu.getScene(), scene);
        } else {
            Theme.apply(scene);
        }
        stage.setScene(scene);
        EscapeCloses.install(stage);
        stage.show();
        model.load();
    }

    private static Window window(MenuButton menu) {
        return menu.getScene() == null ? null : menu.getScene().getWindow();
    }
}
