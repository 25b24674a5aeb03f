/**
 * The video intercoms at the building doors (单元楼宇门可视系统) as the command center sees them: a door's
 * recent calls, door openings and alarms in words. Their events come in like any device kind's; their alarms
 * (forced door, tailgating, door held open) come from the kind's rules; {@code open_door} goes through the
 * devices' commands. No API of its own: everything is {@code internal}.
 */
package org.redwhistle.api.intercoms;
