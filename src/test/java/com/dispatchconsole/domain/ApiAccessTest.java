package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.ApiAccess.Action;
import com.dispatchconsole.testing.UnitTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each kind of API token may see and do, before the database checks it again. */
@UnitTest
class ApiAccessTest {

    private final UUID rider = UUID.randomUUID();
    private final UUID outlet = UUID.randomUUID();
    private final UUID batch = UUID.randomUUID();

    @Test
    void eachKindSeesOnlyItsSubjectsBatches() {
        assertThat(ApiAccess.mayRead(ApiTokenScope.rider(rider), batch, outlet, rider)).isTrue();
        assertThat(ApiAccess.mayRead(ApiTokenScope.rider(rider), batch, outlet, UUID.randomUUID())).isFalse();
        assertThat(ApiAccess.mayRead(ApiTokenScope.rider(rider), batch, outlet, null)).isFalse();
        assertThat(ApiAccess.mayRead(ApiTokenScope.outlet(outlet), batch, outlet, null)).isTrue();
        assertThat(ApiAccess.mayRead(ApiTokenScope.outlet(outlet), batch, UUID.randomUUID(), rider)).isFalse();
        assertThat(ApiAccess.mayRead(ApiTokenScope.tracking(batch), batch, outlet, rider)).isTrue();
        assertThat(ApiAccess.mayRead(ApiTokenScope.tracking(batch), UUID.randomUUID(), outlet, rider)).isFalse();
        assertThat(ApiAccess.mayRead(ApiTokenScope.system("bot"), batch, outlet, rider)).isTrue();
    }

    @Test
    void actionsBelongToTheirKinds() {
        assertThatThrownBy(() -> ApiAccess.require(ApiTokenScope.tracking(batch), Action.CANCEL))
                .hasMessageContaining("tracking token cannot cancel");
        assertThatThrownBy(() -> ApiAccess.require(ApiTokenScope.rider(rider), Action.DISPATCH))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_SCOPE));
        assertThatThrownBy(() -> ApiAccess.require(ApiTokenScope.outlet(outlet), Action.DELIVER))
                .isInstanceOf(DispatchException.class);
        ApiAccess.require(ApiTokenScope.rider(rider), Action.DELIVER);
        ApiAccess.require(ApiTokenScope.outlet(outlet), Action.CANCEL);
        for (Action action : Action.values()) {
            ApiAccess.require(ApiTokenScope.system("bot"), action);
        }
    }

    @Test
    void meIsOnlyARidersAndAnOutletTokenNamesOnlyItsOutlet() {
        assertThat(ApiAccess.rider(ApiTokenScope.rider(rider), null)).isEqualTo(rider);
        assertThat(ApiAccess.rider(ApiTokenScope.rider(rider), rider)).isEqualTo(rider);
        assertThatThrownBy(() -> ApiAccess.rider(ApiTokenScope.rider(rider), UUID.randomUUID()))
                .hasMessageContaining("not this token's rider");
        assertThatThrownBy(() -> ApiAccess.rider(ApiTokenScope.system("bot"), null)).hasMessageContaining("'me'");
        assertThat(ApiAccess.outlet(ApiTokenScope.outlet(outlet), null)).isEqualTo(outlet);
        assertThatThrownBy(() -> ApiAccess.outlet(ApiTokenScope.outlet(outlet), UUID.randomUUID()))
                .hasMessageContaining("not this token's outlet");
        assertThatThrownBy(() -> ApiAccess.outlet(ApiTokenScope.system("bot"), null))
                .hasMessageContaining("outletId");
    }
}
