package com.dispatchconsole.ui.settings;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.ui.alerts.AlertsViewModel;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;

/**
 * The operator's SLA thresholds (whole minutes, as the thresholds dialog takes them) and whether the alerts panel
 * was open. Thresholds edited by hand into something the rule refuses are dropped for the defaults, said once.
 */
public final class AlertSettings {

    /** Minutes per threshold (see {@link SlaThresholds}), and whether the panel was open. */
    public record State(long unassigned, long notPickedUp, long notOut, long outForDelivery, long positionStale,
                        boolean panelShown) {

        static State of(SlaThresholds t, boolean panelShown) {
            return new State(t.unassigned().toMinutes(), t.notPickedUp().toMinutes(), t.notOut().toMinutes(),
                    t.outForDelivery().toMinutes(), t.positionStale().toMinutes(), panelShown);
        }

        SlaThresholds thresholds() {
            return new SlaThresholds(Duration.ofMinutes(unassigned), Duration.ofMinutes(notPickedUp),
                    Duration.ofMinutes(notOut), Duration.ofMinutes(outForDelivery), Duration.ofMinutes(positionStale));
        }
    }

    /** The header's alerts badge, whose pressed state opens the panel. */
    static final String BADGE = "#alerts-badge";

    private AlertSettings() {
    }

    /** Gives the alerts the saved thresholds and panel state, and saves every change from now on. */
    public static void bind(Scene scene, AlertsViewModel alerts, OperatorSettings settings) {
        ToggleButton badge = Nodes.byId(scene.getRoot(), BADGE) instanceof ToggleButton b ? b : null;
        settings.get(OperatorSettings.ALERTS).ifPresent(state -> {
            try {
                alerts.thresholdsProperty().set(state.thresholds());
            } catch (DispatchException refused) {
                settings.problem("The saved alert thresholds are not usable (" + refused.getMessage()
                        + "); the defaults apply.");
            }
            if (badge != null) {
                badge.setSelected(state.panelShown());
            }
        });
        Runnable save = () -> settings.put(OperatorSettings.ALERTS,
                State.of(alerts.thresholdsProperty().get(), badge != null && badge.isSelected()));
        alerts.thresholdsProperty().addListener((o, a, b) -> save.run());
        if (badge != null) {
            badge.selectedProperty().addListener((o, a, b) -> save.run());
        }
    }
}
