package org.redwhistle.api.allianceduty.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The 平安联盟's duty rules.
 *
 * @param trainingRequired whether a PATROL member needs a passed, unexpired pass of every required course (岗前培训)
 *                         before going on duty (AVAILABLE); false: training is recorded but never refuses anyone
 */
@ConfigurationProperties("redwhistle.alliance")
public record AllianceDutyProperties(@DefaultValue("true") boolean trainingRequired) {
}
