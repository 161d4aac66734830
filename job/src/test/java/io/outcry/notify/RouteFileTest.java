package io.outcry.notify;

import static io.outcry.notify.RouteFixtures.at;
import static io.outcry.notify.RouteFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a routing file: what it means, and the one line each mistake fails with. */
class RouteFileTest {

    static final UnaryOperator<String> ENV = Map.of("PD_ROUTING_KEY", "R0UT1NGK3Y", "SLACK_URL", "https://hooks.slack.com/services/T/B/x",
            "TEAMS_URL", "https://prod.westeurope.logic.azure.com/workflows/1", "SMTP_PASSWORD", "pw", "AUDIT_TOKEN", "Bearer t")::get;

    static final String FILE = """
            destinations:
              pager:
                type: pagerduty
                routing_key: ${env:PD_ROUTING_KEY}
              team-slack:
                type: slack
                url: ${env:SLACK_URL}
                max_per_hour: 6
                quiet_hours: "22:00-07:00"
                time_zone: Europe/Rome
              ops-teams:
                type: teams
                url: ${env:TEAMS_URL}
              audit:
                type: webhook
                url: https://audit.example.com/outcry
                headers:
                  Authorization: ${env:AUDIT_TOKEN}
              night-mail:
                type: email
                smtp_host: smtp.example.com
                smtp_port: 587
                from: outcry@example.com
                to: [oncall@example.com]
                username: outcry
                password: ${env:SMTP_PASSWORD}
            routes:
              - name: outages page on-call
                brands: [windtre]
                kinds: [zone]
                to: [pager, ops-teams]
              - brands: [windtre, iliad]
                levels: [brand, brand_region]
                min_severity: 6
                to: [team-slack]
              - to: [audit]
            """;

    @Test
    void readsDestinationsOnceAndRoutesThatNameThem() {
        Routing routing = Routing.parse("routes.yaml", FILE, ENV);

        assertThat(routing.destinations()).containsOnlyKeys("pager", "team-slack", "ops-teams", "audit", "night-mail");
        RouteDestination pager = routing.destinations().get("pager");
        assertThat(pager.type()).isEqualTo(DestinationType.PAGERDUTY);
        assertThat(pager.url()).isEqualTo(RouteDestination.PAGERDUTY_EVENTS_URL);
        // Kept as a reference, read where it is sent: the key is not in the job.
        assertThat(pager.routingKey()).isEqualTo("${env:PD_ROUTING_KEY}");
        RouteDestination slack = routing.destinations().get("team-slack");
        assertThat(slack.maxPerHour()).isEqualTo(6);
        assertThat(slack.quiet()).isEqualTo(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Rome")));
        assertThat(routing.destinations().get("night-mail").smtp().startTls()).as("STARTTLS unless told otherwise").isTrue();
        assertThat(routing.destinations().get("night-mail").smtp().toString()).doesNotContain("SMTP_PASSWORD", "pw");
        assertThat(routing.destinations().get("audit").headers()).containsEntry("Authorization", "${env:AUDIT_TOKEN}");
        assertThat(routing.routes().get(1).name()).isEqualTo("routes[1]");
    }

    @Test
    void sendsAnAlertWhereItsBrandLevelKindAndSeverityMatch() {
        Routing routing = Routing.parse("routes.yaml", FILE, ENV);
        long t = at("2026-12-01T10:00:00Z");

        assertThat(routing.destinationsFor(event("windtre", "zone", "z", "open", 0, 5, t))).containsExactly("pager", "ops-teams", "audit");
        assertThat(routing.destinationsFor(event("windtre", "brand_region", "s", "open", 0, 7, t))).containsExactly("team-slack", "audit");
        assertThat(routing.destinationsFor(event("windtre", "brand_region", "s", "open", 0, 5, t))).containsExactly("audit");
        assertThat(routing.destinationsFor(event("iliad", "brand_topic", "s", "open", 0, 9, t))).containsExactly("audit");
        assertThat(routing.destinationsFor(event("acme", "care", "c", "open", 0, 9, t))).containsExactly("audit");
    }

    @Test
    void failsOnAnUnknownDestinationNamingTheFileThePlaceAndTheFix() {
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("to: [audit]", "to: [audti]"), ENV))
                .hasMessage("routes.yaml: routes[2].to names destination 'audti', which is not declared; declare it under"
                        + " destinations, or use one of [audit, night-mail, ops-teams, pager, team-slack]");
    }

    @Test
    void failsOnABadTimeRange() {
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("22:00-07:00", "22:00-7"), ENV))
                .hasMessage("routes.yaml: destinations.team-slack.quiet_hours '22:00-7' is not a span of local times;"
                        + " write it as \"HH:MM-HH:MM\", e.g. \"22:00-07:00\"");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("22:00-07:00", "25:00-07:00"), ENV))
                .hasMessageStartingWith("routes.yaml: destinations.team-slack.quiet_hours '25:00-07:00' holds a time that does not exist");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("Europe/Rome", "Europe/Roma"), ENV))
                .hasMessage("routes.yaml: destinations.team-slack.time_zone 'Europe/Roma' is not a time zone; give a tz database"
                        + " name such as Europe/Rome");
    }

    @Test
    void failsOnAMissingEnvironmentVariableWithoutShowingAnySecret() {
        UnaryOperator<String> noPagerKey = name -> name.equals("PD_ROUTING_KEY") ? null : ENV.apply(name);

        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE, noPagerKey))
                .hasMessage("routes.yaml: destinations.pager.routing_key refers to environment variable PD_ROUTING_KEY, which is"
                        + " not set on this machine; set it where the job runs (every TaskManager)")
                .hasMessageNotContaining("hooks.slack.com");
    }

    @Test
    void failsOnAnUnknownKey() {
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("routing_key:", "routing-key:"), ENV))
                .hasMessage("routes.yaml: destinations.pager has unknown key 'routing-key'; the keys there are"
                        + " [max_per_hour, quiet_hours, routing_key, source, time_zone, type, url]");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("min_severity: 6", "min_sevrity: 6"), ENV))
                .hasMessage("routes.yaml: routes[1] has unknown key 'min_sevrity'; the keys there are"
                        + " [brands, kinds, levels, min_severity, name, to]");
    }

    @Test
    void failsOnAnUnknownTypeKindOrLevel() {
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("type: teams", "type: msteams"), ENV))
                .hasMessage("routes.yaml: destinations.ops-teams.type 'msteams' is unknown; use one of"
                        + " [slack, teams, pagerduty, webhook, email]");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("kinds: [zone]", "kinds: [outage]"), ENV))
                .hasMessage("routes.yaml: routes[0].kinds holds unknown kind 'outage'; use some of [care, spike, zone]");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("levels: [brand, brand_region]", "levels: [region]"), ENV))
                .hasMessageStartingWith("routes.yaml: routes[1].levels holds unknown level 'region'; use some of [brand,");
    }

    @Test
    void failsOnAMissingFileOrBrokenYamlWithTheLine(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Routing.load(dir.resolve("nope.yaml")))
                .hasMessage(dir.resolve("nope.yaml") + ": cannot be read (NoSuchFileException); give --routes the path of a readable routing file");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "destinations:\n  a: [\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Routing.load(broken)).hasMessageStartingWith(broken + ": line ").hasMessageContaining("is not valid YAML");
    }

    @Test
    void readsTheRoutingFilesThatTheDocsShow() throws IOException {
        assertThat(shown("../docs/routing.md").routes()).hasSize(3);
    }

    @Test
    void routesTheReadmesOnCallFileAsTheReadmeSays() throws IOException {
        Routing routing = shown("../README.md");
        long t = at("2026-12-01T10:00:00Z");

        assertThat(routing.destinationsFor(event("windtre", "zone", "z", "open", 0, 2, t))).containsExactly("maria-pager", "windtre-slack");
        assertThat(routing.destinationsFor(event("windtre", "brand_region", "s", "open", 0, 6, t))).containsExactly("windtre-slack");
        assertThat(routing.destinationsFor(event("windtre", "brand_region", "s", "open", 0, 5, t))).isEmpty();
        assertThat(routing.destinationsFor(event("windtre", "care", "c", "open", 0, 1, t))).containsExactly("windtre-slack");
        assertThat(routing.destinationsFor(event("iliad", "zone", "z", "open", 0, 9, t))).isEmpty();
        RouteDestination slack = routing.destinations().get("windtre-slack");
        assertThat(slack.maxPerHour()).isEqualTo(6);
        assertThat(slack.quiet()).isEqualTo(RouteGateHarnessTest.NIGHTS_IN_ROME);
        assertThat(routing.destinations().get("maria-pager").quiet()).as("paged at any hour").isNull();
    }

    @Test
    void failsOnAMissingToANegativeRateOrADestinationNameThatCannotNameAnOperator() {
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("  - to: [audit]", "  - brands: [acme]"), ENV))
                .hasMessage("routes.yaml: routes[2].to is missing; name the destinations it sends to, e.g. to: [team-slack]");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("max_per_hour: 6", "max_per_hour: -1"), ENV))
                .hasMessage("routes.yaml: destinations.team-slack.max_per_hour is negative; give 0 for no limit or a number of messages per hour");
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("  audit:", "  Audit_Trail:"), ENV))
                .hasMessageStartingWith("routes.yaml: destinations.Audit_Trail has a name that is not lower-case letters, digits or '-'");
    }

    @Test
    void failsOnAnEmailAddressThatCouldInjectAHeader() {
        assertThatThrownBy(() -> Routing.parse("routes.yaml", FILE.replace("to: [oncall@example.com]",
                        "to: [\"oncall@example.com\\r\\nBcc: all@example.com\"]"), ENV))
                .hasMessage("routes.yaml: destinations.night-mail.to 'oncall@example.com??Bcc: all@example.com' is not a bare"
                        + " email address; write it as name@example.com, without a display name");
    }

    /** The routing file a page shows in its yaml block that starts "# routes.yaml", files read as variables. */
    private static Routing shown(String page) throws IOException {
        String text = Files.readString(Path.of(page), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```yaml\\n(# routes\\.yaml.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(block.find()).as("%s shows a routing file in a yaml block starting '# routes.yaml'", page).isTrue();
        String file = block.group(1).replaceAll("\\$\\{file:[^}]*}", "\\${env:FROM_FILE}");
        return Routing.parse(page, file, name -> "https://example.com/" + name);
    }
}
