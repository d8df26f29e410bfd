package com.dispatchconsole.sim;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the gateway is and the tokens the simulator issued for itself: one system token (the dispatch bot, which
 * also reads the fleet), one per outlet, one per rider played. Nothing else reaches the simulator.
 *
 * @param riderTokens the riders played, in the order they are played, with their tokens
 */
public record SimAccess(URI http, URI socket, String systemToken, Map<UUID, String> outletTokens,
                        Map<UUID, String> riderTokens, List<UUID> riderOrder) {

    public SimAccess {
        outletTokens = Map.copyOf(outletTokens);
        riderTokens = Map.copyOf(riderTokens);
        riderOrder = List.copyOf(riderOrder);
    }

    @Override
    public String toString() {
        // Never the tokens.
        return "SimAccess[" + http + ", " + socket + ", " + outletTokens.size() + " outlets, " + riderTokens.size()
                + " riders]";
    }
}
