// Independent reference values for command-api's StatutoryHolidaysTest (provisional working calendars).
// The Java code computes the Chinese calendar itself (new moons, solar terms, GB/T 33661 month rules); it is
// checked against two published JavaScript packages, never against itself:
//   - chinese-days (MIT): its lunar tables (1900–2100, compiled from the Hong Kong Observatory's
//     calendar) give 正月初一, 五月初五 and 八月十五 of each year;
//   - astronomy-engine (MIT, Donald Cross): the instant the Sun reaches apparent longitude 15° (清明).
//   cd scripts/reference && npm ci && node lunar-reference.mjs > ../../command-api/src/test/resources/lunar-reference.csv
import cd from 'chinese-days';
import * as A from 'astronomy-engine';

const beijing = (d) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00';
console.log('year,spring_festival,dragon_boat,mid_autumn,qingming_instant');
for (let y = 2008; y <= 2100; y++) {
  const lunar = (md) => cd.getSolarDateFromLunar(`${y}-${md}`).date;
  const qingming = A.SearchSunLongitude(15, A.MakeTime(new Date(Date.UTC(y, 2, 25))), 20);
  console.log([y, lunar('01-01'), lunar('05-05'), lunar('08-15'), beijing(qingming.date)].join(','));
}
