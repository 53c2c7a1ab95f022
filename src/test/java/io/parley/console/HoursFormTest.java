package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.handoff.BusinessHours;
import io.parley.handoff.DayHours;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class HoursFormTest {

    @Test
    void showsASavedScheduleAndReadsItBackUnchanged() {
        BusinessHours saved = BusinessHours.parse(
                "Europe/Berlin",
                List.of(
                        new DayHours("monday", "08:00", "10:00"),
                        new DayHours("monday", "11:00", "13:00"),
                        new DayHours("monday", "14:00", "24:00")),
                List.of("2026-12-25"));

        HoursForm shown = HoursForm.of(saved);
        HoursForm.Day monday = shown.days().getFirst();

        assertThat(monday.slots())
                .as("a third stretch set through the API is shown too")
                .hasSize(3);
        assertThat(monday.slots().get(2).close())
                .as("a time input cannot show 24:00")
                .isEqualTo("00:00");
        assertThat(shown.days().get(1).closed()).isTrue();
        assertThat(HoursForm.of(asSubmitted(shown)).read().hours()).isEqualTo(saved);
    }

    @Test
    void putsEachProblemOnTheInputItIsAbout() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("schedule", "hours");
        form.add("timeZone", "UTC");
        form.add("monday-open-1", "09:00");
        form.add("monday-close-1", "13:00");
        form.add("monday-open-2", "12:00");
        form.add("monday-close-2", "17:00");
        for (String day : List.of("tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            form.add(day + "-closed", "true");
        }
        form.add("holidays", "2026-12-25\n2026-13-01");

        HoursForm.Result result = HoursForm.of(form).read();

        assertThat(result.hours()).isNull();
        assertThat(result.errors()).containsOnlyKeys("monday-open-2", "holidays");
        assertThat(result.errors().get("monday-open-2")).contains("overlaps 09:00–13:00");
    }

    @Test
    void aroundTheClockIgnoresTheWeeklyRows() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("schedule", "always");
        form.add("timeZone", "Asia/Tokyo");
        form.add("monday-open-1", "nonsense");

        HoursForm.Result result = HoursForm.of(form).read();

        assertThat(result.errors()).isEmpty();
        assertThat(result.hours().aroundTheClock()).isTrue();
        assertThat(result.hours().timeZone().getId()).isEqualTo("Asia/Tokyo");
    }

    private static MultiValueMap<String, String> asSubmitted(HoursForm shown) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("schedule", shown.aroundTheClock() ? "always" : "hours");
        form.add("timeZone", shown.timeZone());
        form.add("holidays", shown.holidays());
        for (HoursForm.Day day : shown.days()) {
            if (day.closed()) {
                form.add(day.id() + "-closed", "true");
            }
            for (HoursForm.Slot slot : day.slots()) {
                form.add(slot.openId(), slot.open());
                form.add(slot.closeId(), slot.close());
            }
        }
        return form;
    }
}
