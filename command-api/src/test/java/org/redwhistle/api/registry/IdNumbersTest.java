package org.redwhistle.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** GB 11643 citizen identity numbers: the check character, the birth date and gender they state, and the mask. */
class IdNumbersTest {

    @Test
    void theCheckCharacterIsIso7064Mod11Of2() {
        // the standard's own example: 11010519491231002X
        assertThat(IdNumbers.valid("11010519491231002X")).isTrue();
        assertThat(IdNumbers.valid("11010519491231002x")).isTrue();
        assertThat(IdNumbers.valid("110105194912310021")).isFalse();
        assertThat(IdNumbers.check("44052418800101001")).isEqualTo('4');
        assertThat(IdNumbers.valid("440524188001010014")).isTrue();
    }

    @Test
    void aNumberWithAnImpossibleBirthDateOrTheWrongLengthIsInvalid() {
        String feb30 = "37030419800230001";
        assertThat(IdNumbers.valid(feb30 + IdNumbers.check(feb30))).isFalse();
        assertThat(IdNumbers.valid("37030419800101001")).isFalse();
        assertThat(IdNumbers.valid(null)).isFalse();
    }

    @Test
    void madeNumbersStateTheirBirthDateAndGender() {
        String man = IdNumbers.of("370304", LocalDate.of(1968, 5, 12), 123);
        String woman = IdNumbers.of("370304", LocalDate.of(1968, 5, 12), 124);
        assertThat(IdNumbers.valid(man)).isTrue();
        assertThat(IdNumbers.birthDate(man)).contains(LocalDate.of(1968, 5, 12));
        assertThat(IdNumbers.gender(man)).isEqualTo("MALE");
        assertThat(IdNumbers.gender(woman)).isEqualTo("FEMALE");
    }

    @Test
    void theMaskKeepsOnlyTheLastFourSoTheBirthDateCannotCompleteIt() {
        assertThat(IdNumbers.masked("11010519491231002X")).isEqualTo("**************002X");
        assertThat(IdNumbers.masked("11010519491231002X")).doesNotContain("110105").doesNotContain("19491231").hasSize(18);
        assertThat(IdNumbers.masked(null)).isNull();
    }
}
