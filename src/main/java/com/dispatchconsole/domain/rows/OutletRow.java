package com.dispatchconsole.domain.rows;

import java.util.UUID;

public record OutletRow(UUID id, String name, String address) {
}
