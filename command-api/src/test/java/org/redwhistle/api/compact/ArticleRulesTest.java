package org.redwhistle.api.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.compact.internal.ArticleRules;
import org.redwhistle.api.errors.ApiException;

/** The category model and article references: what makes a version's articles whole. */
class ArticleRulesTest {

    private static final ArticleCategory S = ArticleCategory.SHALL;
    private static final ArticleCategory N = ArticleCategory.MUST_NOT;

    private static List<Article> seedLike() {
        List<Article> l = new ArrayList<>();
        l.add(Article.rule(1, S, "遵守法律"));
        l.add(Article.rule(8, N, "村民建房、翻建须经批准，不得擅自加高、扩建"));
        l.add(Article.of(39, ArticleCategory.PENALTY, "违反第八条的，停发一切福利待遇", List.of(PenaltyEffect.WELFARE_SUSPENDED, PenaltyEffect.MEASURE),
                "责令限期拆除", List.of(), null, List.of(8)));
        l.add(Article.of(41, ArticleCategory.RESTORATION, "整改到位的，自次月起恢复", List.of(), null, List.of(39), "整改到位、验收合格", List.of(39)));
        return l;
    }

    private static String field(List<Article> articles) {
        try {
            ArticleRules.check(articles);
            return null;
        } catch (ApiException e) {
            return e.errors().get(0).field() + " " + e.errors().get(0).message();
        }
    }

    @Test
    void theSeedsChainIsWhole() {
        ArticleRules.check(seedLike());
        Article p = seedLike().get(2);
        assertThat(p.categoryLabel()).isEqualTo("处罚");
        assertThat(p.effectLabels()).containsExactly("停发一切福利待遇", "其他处理措施");
        assertThat(ArticleRules.punishes(p)).containsExactly(8);
        assertThat(seedLike().get(3).lifts()).containsExactly(39);
    }

    @Test
    void aPenaltyNeedsAnEffectAndAMeasureInWords() {
        List<Article> l = seedLike();
        l.set(2, Article.of(39, ArticleCategory.PENALTY, "处罚", List.of(), null, List.of(), null, List.of(8)));
        assertThat(field(l)).startsWith("articles[2].effects");
        l.set(2, Article.of(39, ArticleCategory.PENALTY, "处罚", List.of(PenaltyEffect.MEASURE), " ", List.of(), null, List.of(8)));
        assertThat(field(l)).startsWith("articles[2].measure");
    }

    @Test
    void onlyAPenaltyHasEffectsAndOnlyARestorationLifts() {
        List<Article> l = seedLike();
        l.set(0, Article.of(1, S, "遵守法律", List.of(PenaltyEffect.HONOURS_EXCLUDED), null, List.of(), null, List.of()));
        assertThat(field(l)).startsWith("articles[0].effects");
        l = seedLike();
        l.set(1, Article.of(8, N, "不得加高", List.of(), null, List.of(39), null, List.of()));
        assertThat(field(l)).startsWith("articles[1].lifts");
    }

    @Test
    void aRestorationLiftsPenaltiesOfTheSameVersionOnACondition() {
        List<Article> l = seedLike();
        l.set(3, Article.of(41, ArticleCategory.RESTORATION, "恢复", List.of(), null, List.of(8), "整改", List.of()));
        assertThat(field(l)).startsWith("articles[3].lifts").contains("第8条不是本约的处罚条款");
        l.set(3, Article.of(41, ArticleCategory.RESTORATION, "恢复", List.of(), null, List.of(39), null, List.of()));
        assertThat(field(l)).startsWith("articles[3].condition");
        l.set(3, Article.of(41, ArticleCategory.RESTORATION, "恢复", List.of(), null, List.of(), "整改", List.of()));
        assertThat(field(l)).startsWith("articles[3].lifts");
    }

    @Test
    void referencesPointAtArticlesOfTheVersion() {
        List<Article> l = seedLike();
        l.set(2, Article.of(39, ArticleCategory.PENALTY, "处罚", List.of(PenaltyEffect.WELFARE_SUSPENDED), null, List.of(), null, List.of(8, 9)));
        assertThat(field(l)).isEqualTo("articles[2].refs 第39条援引的第9条不存在");
        l.set(2, Article.of(39, ArticleCategory.PENALTY, "处罚", List.of(PenaltyEffect.WELFARE_SUSPENDED), null, List.of(), null, List.of(39)));
        assertThat(field(l)).startsWith("articles[2].refs");
    }

    @Test
    void numbersAreUniqueAndPositiveAndTextIsPresent() {
        List<Article> l = seedLike();
        l.add(Article.rule(8, S, "重复"));
        assertThat(field(l)).isEqualTo("articles[4].number 第8条重复");
        l = seedLike();
        l.add(Article.rule(0, S, "零"));
        assertThat(field(l)).startsWith("articles[4].number");
        l = seedLike();
        l.add(Article.rule(50, S, " "));
        assertThat(field(l)).startsWith("articles[4].text");
    }

    @Test
    void statesMoveOnlyForward() {
        assertThat(VersionState.DRAFT.canMoveTo(VersionState.PROPOSED)).isTrue();
        assertThat(VersionState.PROPOSED.canMoveTo(VersionState.ADOPTED)).isTrue();
        assertThat(VersionState.ADOPTED.canMoveTo(VersionState.DRAFT)).isFalse();
        assertThat(VersionState.NOT_ADOPTED.next()).isEmpty();
        assertThat(ViolationState.REPORTED.canMoveTo(ViolationState.RESTORED)).isFalse();
        assertThat(ViolationState.CONFIRMED.canMoveTo(ViolationState.RESTORED)).isTrue();
        assertThat(ViolationState.APPEALED.canMoveTo(ViolationState.CONFIRMED)).isTrue();
        assertThat(ViolationState.DISMISSED.next()).isEmpty();
    }
}
