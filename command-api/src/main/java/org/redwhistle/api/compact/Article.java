package org.redwhistle.api.compact;

import java.util.List;

/**
 * An article of a version: its number, category and text; a penalty's {@code effects} (and a described
 * {@code measure}); a restoration's {@code lifts} (the penalty articles it lifts) and {@code condition};
 * {@code refs} the articles it refers to (article 39 refers to article 8, whose breach it punishes).
 * Labels are the words users read.
 */
public record Article(int number, ArticleCategory category, String categoryLabel, String text, List<PenaltyEffect> effects,
        List<String> effectLabels, String measure, List<Integer> lifts, String condition, List<Integer> refs) {

    public static Article of(int number, ArticleCategory category, String text, List<PenaltyEffect> effects, String measure,
            List<Integer> lifts, String condition, List<Integer> refs) {
        return new Article(number, category, category.label(), text, List.copyOf(effects), effects.stream().map(PenaltyEffect::label).toList(),
                measure, List.copyOf(lifts), condition, List.copyOf(refs));
    }

    /** A duty or a prohibition, referring to nothing. */
    public static Article rule(int number, ArticleCategory category, String text) {
        return of(number, category, text, List.of(), null, List.of(), null, List.of());
    }
}
