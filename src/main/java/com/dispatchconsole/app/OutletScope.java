package com.dispatchconsole.app;

import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.service.DispatchServices;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns outlet names given on the command line into ids; an unknown name stops start-up with a clear message. */
final class OutletScope {

    private OutletScope() {
    }

    static Set<UUID> resolve(DispatchServices services, List<String> names) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        List<OutletRow> outlets = services.queries().outlets();
        Set<UUID> ids = new HashSet<>();
        for (String name : names) {
            OutletRow match = outlets.stream().filter(o -> o.name().equalsIgnoreCase(name.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No outlet named '" + name.strip()
                            + "'. Known outlets: " + outlets.stream().map(OutletRow::name).collect(Collectors.joining(", "))));
            ids.add(match.id());
        }
        return ids;
    }
}
