package io.outcry.dashboards;

/** The little HTML the pages need: escaping, and the markdown subset of the placeholder panels. */
final class Html {

    private Html() {}

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Headings ({@code ###}), paragraphs and {@code *emphasis*}: what the placeholder panels use. */
    static String markdown(String markdown) {
        StringBuilder html = new StringBuilder();
        for (String block : markdown.split("\n\\s*\n")) {
            String text = escape(block.trim()).replaceAll("\\*([^*]+)\\*", "<em>$1</em>");
            if (text.startsWith("### ")) {
                html.append("<h3>").append(text.substring(4)).append("</h3>");
            } else if (!text.isEmpty()) {
                html.append("<p>").append(text).append("</p>");
            }
        }
        return html.toString();
    }
}
