package org.redwhistle.api.compact;

/** What an article of the compact is: a duty, a prohibition, a penalty or a restoration. */
public enum ArticleCategory {
    SHALL("应当"),
    MUST_NOT("严禁"),
    PENALTY("处罚"),
    RESTORATION("恢复");

    private final String label;

    ArticleCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
