package com.dispatchconsole.ui.settings;

import com.dispatchconsole.ui.console.RiderFilter;

/** The riders' search text, "fits the selected batches" and "best fit" as the operator left them. */
public final class RiderFilterSettings {

    /** The search text, whether only riders who fit are shown, whether riders are in best-fit order. */
    public record State(String text, boolean fitsSelected, boolean bestFit) {

        public State {
            text = text == null ? "" : text;
        }
    }

    private RiderFilterSettings() {
    }

    /** Gives the rider filter the saved state and saves every change from now on. */
    public static void bind(RiderFilter filter, OperatorSettings settings) {
        settings.get(OperatorSettings.RIDER_FILTER).ifPresent(state -> {
            filter.textProperty().set(state.text());
            filter.fitsSelectedProperty().set(state.fitsSelected());
            filter.bestFitProperty().set(state.bestFit());
        });
        Runnable save = () -> settings.put(OperatorSettings.RIDER_FILTER, new State(filter.textProperty().get(),
                filter.fitsSelectedProperty().get(), filter.bestFitProperty().get()));
        filter.textProperty().addListener((o, a, b) -> save.run());
        filter.fitsSelectedProperty().addListener((o, a, b) -> save.run());
        filter.bestFitProperty().addListener((o, a, b) -> save.run());
    }
}
