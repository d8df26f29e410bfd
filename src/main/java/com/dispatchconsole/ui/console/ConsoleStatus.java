package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.UiExecutor;
import com.dispatchconsole.ui.notices.NotificationLog;
import java.time.Clock;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * What the console says about itself: the status line, the notifications (its {@link Notices} channel, which the
 * uncaught-error handler uses too), whether the database can be reached
 * (the banner, raised by a failed call or by the live feed) and so whether anything may be changed, and the one
 * busy count of every background call the console makes.
 */
public final class ConsoleStatus {

    private final BackgroundTasks tasks;
    private final DatabaseBanner banner;
    private final Notices notices;
    private final NotificationLog log;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    // CONNECTING until a feed says otherwise: a console without one (tests, tools) is not offline.
    private final ReadOnlyObjectWrapper<LiveState> liveState = new ReadOnlyObjectWrapper<>(
            new LiveState(LiveState.Status.CONNECTING, Instant.now()));
    private final ReadOnlyBooleanWrapper canChange = new ReadOnlyBooleanWrapper(true);

    /** @param onDatabaseBack what to do once a failed call's database answers again (reload the screen) */
    ConsoleStatus(QueryService queries, UiExecutor ui, Runnable onDatabaseBack) {
        this.tasks = new BackgroundTasks(ui);
        this.banner = new DatabaseBanner(queries, ui, () -> {
            notify(Notice.Level.INFO, "The database is back; the screen has been reloaded.");
            onDatabaseBack.run();
        });
        // A database that cannot be reached is the banner's to say, not a toast per failed call.
        this.notices = new Notices(unreachable -> banner.raise());
        this.log = new NotificationLog(notices, Clock.systemDefaultZone());
        liveState.addListener((o, was, state) -> banner.feedState(state));
        banner.downProperty().addListener((o, was, down) -> canChange.set(!down));
    }

    BackgroundTasks tasks() {
        return tasks;
    }

    void say(String text) {
        message.set(text);
    }

    void notify(Notice.Level level, String text) {
        notices.notify(level, text);
    }

    void notify(Notice notice) {
        notices.notify(notice);
    }

    /** A call failed: its sentence goes to the status line, and to the banner or a notification. */
    void failed(DispatchException error) {
        message.set(error.sentence());
        notices.failed(error);
    }

    void liveState(LiveState state) {
        liveState.set(state);
    }

    /** The console's notices so far, oldest first. */
    public ObservableList<Notice> notices() {
        return notices.all();
    }

    /** Every notice the console showed, with its time: the last 200, for the header's log. */
    public NotificationLog notificationLog() {
        return log;
    }

    /** The console's channel, for what reports outside the view model (the uncaught-error handler). */
    public Notices channel() {
        return notices;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bannerProperty() {
        return banner.textProperty();
    }

    public ReadOnlyBooleanProperty databaseDownProperty() {
        return banner.downProperty();
    }

    /** False while the database cannot be reached (a failed call, or the live feed OFFLINE): changes are refused. */
    public ReadOnlyBooleanProperty canChangeProperty() {
        return canChange.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveState> liveStateProperty() {
        return liveState.getReadOnlyProperty();
    }

    /** True while any of the console's calls is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** How many of the console's calls are under way. */
    public ReadOnlyIntegerProperty runningProperty() {
        return tasks.runningProperty();
    }
}
