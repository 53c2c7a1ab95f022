package io.parley;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleBoundariesTest {

    @Test
    void featuresOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        ApplicationModules.of(ParleyApplication.class).verify();
    }
}
