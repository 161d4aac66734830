package io.outcry.care;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How customer care is measured. {@link #defaults()} holds the defaults.
 *
 * @param sla              how soon a brand should answer a case (default 1 h)
 * @param brandSla         per-brand SLAs that override it, by brand id
 * @param hours            the hours an SLA counts, or null for around the clock (default)
 * @param brandHours       per-brand hours that override them, by brand id
 * @param ttl              how long after it opened a case is forgotten (default 7 days)
 * @param window           length of a care window (default 1 h)
 * @param openOnAnyPost    whether any customer post addressed to a brand opens a case (real support exports,
 *                         where every inbound tweet wants an answer), not only those asking or complaining (default false)
 * @param alertThreshold   unanswered-after-SLA cases in one brand window that raise a care alert; 0 turns
 *                         the alerts off (default 0)
 */
public record CareSettings(
        Duration sla,
        Map<String, Duration> brandSla,
        BusinessHours hours,
        Map<String, BusinessHours> brandHours,
        Duration ttl,
        Duration window,
        boolean openOnAnyPost,
        int alertThreshold) implements Serializable {

    public CareSettings {
        requirePositive(sla, "care SLA");
        requirePositive(ttl, "care TTL");
        requirePositive(window, "care window");
        brandSla = new TreeMap<>(Objects.requireNonNull(brandSla, "brand SLAs"));
        brandSla.forEach((brand, value) -> requirePositive(value, "care SLA of " + brand));
        brandHours = new TreeMap<>(Objects.requireNonNull(brandHours, "brand hours"));
        if (alertThreshold < 0) {
            throw new IllegalArgumentException("care alert threshold " + alertThreshold + " must be 0 (off) or more");
        }
    }

    public static CareSettings defaults() {
        return new CareSettings(Duration.ofHours(1), Map.of(), null, Map.of(), Duration.ofDays(7), Duration.ofHours(1), false, 0);
    }

    /** When a case of {@code brand} opened at {@code openedAt} is due, epoch ms. */
    public long deadline(String brand, long openedAt) {
        Duration due = brandSla.getOrDefault(brand, sla);
        BusinessHours open = brandHours.getOrDefault(brand, hours);
        return open == null ? openedAt + due.toMillis() : open.deadline(openedAt, due);
    }

    public CareSettings withSla(Duration value) {
        return new CareSettings(value, brandSla, hours, brandHours, ttl, window, openOnAnyPost, alertThreshold);
    }

    public CareSettings withBrandSla(Map<String, Duration> value) {
        return new CareSettings(sla, value, hours, brandHours, ttl, window, openOnAnyPost, alertThreshold);
    }

    public CareSettings withHours(BusinessHours value) {
        return new CareSettings(sla, brandSla, value, brandHours, ttl, window, openOnAnyPost, alertThreshold);
    }

    public CareSettings withBrandHours(Map<String, BusinessHours> value) {
        return new CareSettings(sla, brandSla, hours, value, ttl, window, openOnAnyPost, alertThreshold);
    }

    public CareSettings withTtl(Duration value) {
        return new CareSettings(sla, brandSla, hours, brandHours, value, window, openOnAnyPost, alertThreshold);
    }

    public CareSettings withWindow(Duration value) {
        return new CareSettings(sla, brandSla, hours, brandHours, ttl, value, openOnAnyPost, alertThreshold);
    }

    public CareSettings withOpenOnAnyPost(boolean value) {
        return new CareSettings(sla, brandSla, hours, brandHours, ttl, window, value, alertThreshold);
    }

    public CareSettings withAlertThreshold(int value) {
        return new CareSettings(sla, brandSla, hours, brandHours, ttl, window, openOnAnyPost, value);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be a positive duration");
        }
    }
}
