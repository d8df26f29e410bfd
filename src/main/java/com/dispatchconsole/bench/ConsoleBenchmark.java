package com.dispatchconsole.bench;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a dispatcher waits for at full size: loading both tables, and each filter, sort and single-row change,
 * measured on the console's own view model with a sorted view attached, as the table has.
 */
public final class ConsoleBenchmark {

    private ConsoleBenchmark() {
    }

    public static Map<String, Object> run(DispatchServices services, int repeats) {
        Map<String, Object> out = new LinkedHashMap<>();
        ConsoleViewModel model = new ConsoleViewModel(services, new SynchronousUiExecutor(), "bench", "bench");
        // Every batch on screen, as the figures in docs/performance.md were taken (the console starts on the queue).
        model.rows().filter().show(com.dispatchconsole.ui.console.BatchView.EVERYTHING);
        List<Double> loads = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            model.load();
            loads.add(ms(t0));
        }
        out.put("riders", model.rows().riders().size());
        out.put("batches", model.rows().allBatches().size());
        out.put("loadMs", summary(loads));
        // Sorted as the batches table sorts them: the view itself takes the table's comparator.
        var sorted = model.rows().visibleBatches();
        sorted.setComparator(Comparator.comparing(BatchRow::createdAt).reversed());
        out.put("filterTextMs", summary(time(repeats, i -> model.rows().filter().textProperty().set(i % 2 == 0 ? "rider 01" : "customer 7"))));
        model.rows().filter().textProperty().set("");
        out.put("filterStatusMs", summary(time(repeats, i -> {
            model.rows().filter().statuses().clear();
            model.rows().filter().statuses().add(i % 2 == 0 ? BatchStatus.CREATED : BatchStatus.ASSIGNED);
        })));
        model.rows().filter().statuses().clear();
        out.put("clearFilterMs", summary(time(repeats, i -> {
            model.rows().filter().textProperty().set("x" + i);
            model.rows().filter().textProperty().set("");
        })));
        out.put("sortMs", summary(time(repeats, i -> sorted.setComparator(i % 2 == 0
                ? Comparator.comparing(BatchRow::totalWeightKg) : Comparator.comparing(BatchRow::createdAt)))));
        out.put("visibleAfterClear", sorted.size());
        return out;
    }

    private static List<Double> time(int repeats, Consumer<Integer> action) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            action.accept(i);
            times.add(ms(t0));
        }
        return times;
    }

    private static Map<String, Double> summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("median", round(sorted.get(sorted.size() / 2)));
        summary.put("max", round(sorted.get(sorted.size() - 1)));
        return summary;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
