package io.outcry.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every field a board uses must be in the index template of the index its panel reads, with a
 * type that the panel's aggregation, sort or filter accepts: a renamed or retyped field fails
 * here instead of as an empty panel in front of a brand manager.
 */
class PanelFieldsTest {

    private static final Boards BOARDS = Boards.load(Path.of("."));
    private static final IndexTemplates TEMPLATES = IndexTemplates.load(Path.of("..", "job", "src", "main", "resources", "elasticsearch"));

    @Test
    void everyDataViewPatternHasATemplateAndADateTimeField() {
        for (Boards.DataView view : BOARDS.dataViews()) {
            IndexTemplates.Template owner = TEMPLATES.owner(view.title()).orElseThrow(() ->
                    new AssertionError("no index template owns data view " + view.title()));
            assertThat(owner.type(view.timeField())).as(view.title() + " time field").hasValueSatisfying(t ->
                    assertThat(PanelData.DATES).contains(t));
        }
    }

    @Test
    void everySavedSearchColumnAndSortFieldIsMappedInItsDataViewsTemplate() {
        assertThat(BOARDS.searches()).isNotEmpty();
        for (Boards.Search search : BOARDS.searches()) {
            Boards.DataView view = BOARDS.dataViews().stream().filter(v -> v.id().equals(search.dataView())).findFirst().orElseThrow();
            IndexTemplates.Template template = TEMPLATES.owner(view.title()).orElseThrow();
            for (String column : search.columns()) {
                assertThat(template.type(column)).as("%s shows %s", search.id(), column).isPresent();
            }
            search.sort().forEach(pair -> assertThat(template.type(pair.get(0))).as("%s sorts on %s", search.id(), pair.get(0)).isPresent());
        }
    }

    @Test
    void everyPanelQueriesAnIndexThatHasATemplate() {
        for (Boards.Visualization vis : vegaPanels()) {
            for (PanelData.Source source : PanelData.sources(vis.spec())) {
                assertThat(TEMPLATES.owner(source.index())).as("%s reads %s", vis.id(), source.index()).isPresent();
            }
        }
    }

    @Test
    void everyFieldAPanelUsesIsMappedWithATypeItsUseAccepts() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Boards.Visualization vis : vegaPanels()) {
            for (PanelData.Source source : PanelData.sources(vis.spec())) {
                IndexTemplates.Template template = TEMPLATES.owner(source.index()).orElseThrow();
                for (PanelData.FieldUse use : PanelData.fieldUses(source)) {
                    checked++;
                    var accepts = PanelData.ACCEPTS.get(use.usage());
                    var type = template.type(use.field());
                    if (accepts == null) {
                        problems.add(vis.id() + ": " + use.field() + " is used by '" + use.usage() + "', which the checks do not know");
                    } else if (type.isEmpty()) {
                        problems.add(vis.id() + ": " + use.field() + " is not in " + template.name());
                    } else if (!accepts.contains(type.get())) {
                        problems.add(vis.id() + ": " + use.field() + " is " + type.get() + " in " + template.name()
                                + ", which " + use.usage() + " cannot use");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void aRetypedOrMissingFieldIsCaught() {
        IndexTemplates.Template windows = TEMPLATES.owner("outcry-windows-*").orElseThrow();
        assertThat(windows.type("complaints")).contains("long");
        assertThat(windows.type("languages.it")).as("dynamic template").contains("long");
        assertThat(windows.type("no_such_field")).isEmpty();
        assertThat(PanelData.ACCEPTS.get("sum")).doesNotContain("keyword");
        assertThat(PanelData.ACCEPTS.get("date_histogram")).doesNotContain("long");
        assertThat(TEMPLATES.owner("outcry-alerts-history-*").orElseThrow().name()).isEqualTo("outcry-alerts-template.json");
        assertThat(TEMPLATES.owner("some-other-index")).isEmpty();
    }

    private static List<Boards.Visualization> vegaPanels() {
        List<Boards.Visualization> panels = BOARDS.visualizations().values().stream().filter(Boards.Visualization::isVega).toList();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8);
        return panels;
    }
}
