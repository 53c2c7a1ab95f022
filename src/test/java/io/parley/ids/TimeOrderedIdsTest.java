package io.parley.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void areVersion7UuidsWithTheRfcVariant() {
        UUID id = UUID.fromString(TimeOrderedIds.next());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carryTheirMillisecondFirst() {
        long millis = 1_764_547_200_123L;

        UUID id = TimeOrderedIds.next(millis);

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMillisecondsSortLaterAsText() {
        String earlier = TimeOrderedIds.next(1_764_547_200_000L).toString();
        String later = TimeOrderedIds.next(1_764_547_200_001L).toString();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next(1_764_547_200_000L));
        }

        assertThat(ids).hasSize(10_000);
    }
}
