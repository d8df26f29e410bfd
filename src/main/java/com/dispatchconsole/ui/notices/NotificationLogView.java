package com.dispatchconsole.ui.notices;

import com.dispatchconsole.ui.common.EscapeCloses;
import com.dispatchconsole.ui.common.Theme;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The header button that opens the notification log ({@code notification-log}: "Notices", "Notices (3)" while
 * three are unread) and the log's window ({@code notification-log-list}, newest first, each with its time; Esc or
 * the window's close button closes it).
 */
public final class NotificationLogView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final NotificationLog log;
    private final ObservableList<NotificationLog.Entry> newestFirst = FXCollections.observableArrayList();
    private Stage stage;

    public NotificationLogView(NotificationLog log) {
        this.log = log;
        log.entries().addListener((ListChangeListener<NotificationLog.Entry>) c -> {
            if (stage != null && stage.isShowing()) {
                copyNewestFirst();
            }
        });
    }

    /** The header button; {@code owner} gives the window its owner and theme when it opens. */
    public Button button(java.util.function.Supplier<Window> owner) {
        Button button = new Button();
        button.setId("notification-log");
        button.textProperty().bind(Bindings.createStringBinding(() -> log.unreadProperty().get() == 0 ? "Notices"
                : "Notices (" + log.unreadProperty().get() + ")", log.unreadProperty()));
        button.setOnAction(e -> open(owner.get()));
        return button;
    }

    /** Opens the log (or brings it to the front) and marks everything in it read. */
    public void open(Window owner) {
        log.markRead();
        copyNewestFirst();
        if (stage != null && stage.isShowing()) {
            stage.toFront();
            return;
        }
        ListView<NotificationLog.Entry> list = new ListView<>(newestFirst);
        list.setId("notification-log-list");
        list.setPlaceholder(new Label("No notices yet."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(NotificationLog.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeIf(c -> c.startsWith("log-"));
                if (empty || entry == null) {
                    setText(null);
                    return;
                }
                setText(line(entry));
                getStyleClass().add("log-" + entry.level().name().toLowerCase());
            }
        });
        Label help = new Label("The last " + NotificationLog.CAPACITY + " notices, newest first. Esc closes.");
        help.getStyleClass().add("muted");
        VBox content = new VBox(8, help, list);
        content.setPadding(new Insets(10));
        content.getStyleClass().add("console");
        VBox.setVgrow(list, Priority.ALWAYS);
        stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Notices");
        Scene scene = new Scene(content, 720, 480);
        if (owner != null && owner.getScene() != null) {
            Theme.follow(owner.getScene(), scene);
        } else {
            Theme.apply(scene);
        }
        stage.setScene(scene);
        EscapeCloses.install(stage);
        // Notices that arrive while the log is open are read as they come.
        ListChangeListener<NotificationLog.Entry> reading = c -> log.markRead();
        log.entries().addListener(reading);
        stage.setOnHidden(e -> log.entries().removeListener(reading));
        stage.show();
    }

    /** "14:02:11  Error  RIDER_BUSY: …": what one line of the log reads. */
    static String line(NotificationLog.Entry entry) {
        String level = entry.level().name().charAt(0) + entry.level().name().substring(1).toLowerCase();
        return TIME.format(entry.at()) + "   " + level + "   " + entry.text();
    }

    private void copyNewestFirst() {
        List<NotificationLog.Entry> all = new ArrayList<>(log.entries());
        Collections.reverse(all);
        newestFirst.setAll(all);
    }
}
