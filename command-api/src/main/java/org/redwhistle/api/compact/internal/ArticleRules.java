package org.redwhistle.api.compact.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.compact.Article;
import org.redwhistle.api.compact.ArticleCategory;
import org.redwhistle.api.compact.PenaltyEffect;
import org.redwhistle.api.errors.ApiException;

/**
 * What makes a version's articles whole: numbers unique and positive, text present; a penalty has at
 * least one effect (a described measure when it has {@link PenaltyEffect#MEASURE}); a restoration lifts
 * at least one penalty article of the same version and says on what condition; references point at
 * articles of the same version. A failure is a 400 naming the article's field.
 */
public final class ArticleRules {

    private ArticleRules() {
    }

    public static void check(List<Article> articles) {
        if (articles == null) {
            throw ApiException.badField("articles", "is required (may be empty)");
        }
        Map<Integer, Article> byNumber = new HashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            String at = "articles[" + i + "]";
            if (a == null || a.number() <= 0) {
                throw ApiException.badField(at + ".number", "条款序号须为正整数");
            }
            if (byNumber.put(a.number(), a) != null) {
                throw ApiException.badField(at + ".number", "第" + a.number() + "条重复");
            }
            if (a.category() == null) {
                throw ApiException.badField(at + ".category", "须为 SHALL（应当）、MUST_NOT（严禁）、PENALTY（处罚）或 RESTORATION（恢复）");
            }
            if (a.text() == null || a.text().isBlank()) {
                throw ApiException.badField(at + ".text", "第" + a.number() + "条没有条文");
            }
        }
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            String at = "articles[" + i + "]";
            String n = "第" + a.number() + "条";
            for (int r : a.refs()) {
                if (!byNumber.containsKey(r) || r == a.number()) {
                    throw ApiException.badField(at + ".refs", n + "援引的第" + r + "条不存在");
                }
            }
            if (a.category() == ArticleCategory.PENALTY) {
                if (a.effects().isEmpty()) {
                    throw ApiException.badField(at + ".effects", n + "是处罚条款，须写明处罚效果（如停发一切福利待遇）");
                }
                if (a.effects().contains(PenaltyEffect.MEASURE) && (a.measure() == null || a.measure().isBlank())) {
                    throw ApiException.badField(at + ".measure", n + "须写明其他处理措施的内容");
                }
            } else if (!a.effects().isEmpty()) {
                throw ApiException.badField(at + ".effects", n + "不是处罚条款，不能有处罚效果");
            }
            if (a.category() == ArticleCategory.RESTORATION) {
                if (a.lifts().isEmpty()) {
                    throw ApiException.badField(at + ".lifts", n + "是恢复条款，须写明解除哪一条的处罚");
                }
                for (int l : a.lifts()) {
                    Article lifted = byNumber.get(l);
                    if (lifted == null || lifted.category() != ArticleCategory.PENALTY) {
                        throw ApiException.badField(at + ".lifts", n + "解除的第" + l + "条不是本约的处罚条款");
                    }
                }
                if (a.condition() == null || a.condition().isBlank()) {
                    throw ApiException.badField(at + ".condition", n + "须写明恢复的条件");
                }
            } else if (!a.lifts().isEmpty()) {
                throw ApiException.badField(at + ".lifts", n + "不是恢复条款，不能解除处罚");
            }
        }
    }

    /** The articles a penalty article punishes the breach of; empty: any duty or prohibition. */
    public static Set<Integer> punishes(Article penalty) {
        return new HashSet<>(penalty.refs());
    }
}
