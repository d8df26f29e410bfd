package com.dispatchconsole.ui.palette;

import com.dispatchconsole.ui.common.EscapeCloses;
import com.dispatchconsole.ui.common.Theme;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The command palette (Ctrl+K): a small window over the console with a search field and the matching commands, each
 * with its shortcut; a disabled one is greyed with why. Typing filters, Up/Down move, Enter runs the chosen command
 * (closing the palette first, so a dialog it opens sits over the console), Esc closes, as every dialog does.
 */
public final class CommandPalette {

    public static final String SHORTCUT = "Ctrl+K";

    private final CommandRegistry registry;
    private final TextField field = new TextField();
    private final ListView<Command> list = new ListView<>();
    private final Label reason = new Label();
    private Stage stage;

    public CommandPalette(CommandRegistry registry) {
        this.registry = registry;
        field.setId("palette-field");
        field.setPromptText("Type a command, a batch id or a rider's name");
        field.textProperty().addListener((o, was, now) -> refresh());
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> move(1);
                case UP -> move(-1);
                case PAGE_DOWN -> move(8);
                case PAGE_UP -> move(-8);
                case ENTER -> runSelected();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        list.setId("palette-list");
        list.setFocusTraversable(false);
        list.setPrefHeight(360);
        list.setCellFactory(l -> new CommandCell());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() >= 1) {
                runSelected();
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> reason.setText(""));
        reason.setId("palette-reason");
        reason.getStyleClass().add("palette-reason");
        reason.setWrapText(true);
    }

    /** The registry it searches. */
    public CommandRegistry registry() {
        return registry;
    }

    /** Opens the palette over {@code owner} with an empty search, or brings it back if it is open. */
    public void open(Window owner) {
        if (stage != null && stage.isShowing()) {
            stage.toFront();
            field.requestFocus();
            return;
        }
        VBox box = new VBox(6, field, list, reason);
        box.setId("command-palette");
        box.getStyleClass().add("command-palette");
        box.setPadding(new Insets(10));
        box.setPrefWidth(620);
        stage = new Stage(StageStyle.UNDECORATED);
        stage.setTitle("Command palette");
        if (owner != null) {
            stage.initOwner(owner);
        }
        Scene scene = new Scene(box);
        if (owner != null && owner.getScene() != null) {
            Theme.follow(owner.getScene(), scene);
        } else {
            Theme.apply(scene);
        }
        stage.setScene(scene);
        EscapeCloses.install(stage);
        // Clicking back into the console closes it, as a popup menu would.
        stage.focusedProperty().addListener((o, was, focused) -> {
            if (was && !focused && stage != null) {
                stage.close();
            }
        });
        if (owner != null) {
            stage.setOnShown(e -> {
                stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - stage.getWidth()) / 2));
                stage.setY(owner.getY() + Math.min(120, Math.max(0, owner.getHeight() / 6)));
            });
        }
        stage.show();
        // Emptied once shown: the list redraws its cells at once, and a cell styled while no window shows it is
        // styled outside the theme's root, where JavaFX logs every theme colour it names as unresolved.
        field.clear();
        refresh();
        field.requestFocus();
    }

    public boolean isShowing() {
        return stage != null && stage.isShowing();
    }

    public void close() {
        if (stage != null) {
            stage.close();
        }
    }

    private void refresh() {
        List<Command> found = registry.search(field.getText());
        list.getItems().setAll(found);
        if (!found.isEmpty()) {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
        reason.setText(found.isEmpty() ? "No command matches." : "");
    }

    private void move(int by) {
        int size = list.getItems().size();
        if (size == 0) {
            return;
        }
        int at = Math.max(0, Math.min(size - 1, list.getSelectionModel().getSelectedIndex() + by));
        list.getSelectionModel().select(at);
        list.scrollTo(Math.max(0, at - 3));
    }

    /** Runs the chosen command; a disabled one stays in the list and the palette says why. */
    private void runSelected() {
        Command command = list.getSelectionModel().getSelectedItem();
        if (command == null) {
            return;
        }
        if (!command.enabled()) {
            reason.setText(command.title() + ": " + command.disabledReason());
            return;
        }
        close();
        command.run();
    }

    /** Title on the left (with why, when disabled), shortcut on the right. */
    private static final class CommandCell extends ListCell<Command> {

        private final Label title = new Label();
        private final Label shortcut = new Label();
        private final HBox box;

        CommandCell() {
            getStyleClass().add("palette-cell");
            shortcut.getStyleClass().add("palette-shortcut");
            shortcut.setMinWidth(Region.USE_PREF_SIZE);
            // A long reason is cut with "…", never pushes the shortcut out of sight or scrolls sideways.
            title.setMinWidth(0);
            setPrefWidth(0);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(12, title, spacer, shortcut);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Command command, boolean empty) {
            super.updateItem(command, empty);
            getStyleClass().remove("palette-disabled");
            if (empty || command == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            boolean enabled = command.enabled();
            title.setText(enabled ? command.title() : command.title() + " — " + command.disabledReason());
            shortcut.setText(command.shortcut());
            if (!enabled) {
                getStyleClass().add("palette-disabled");
            }
            setText(null);
            setGraphic(box);
            setAccessibleText(title.getText() + (command.shortcut().isEmpty() ? "" : ", " + command.shortcut()));
        }
    }
}
