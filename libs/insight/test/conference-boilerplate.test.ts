// The agenda test sees through conference join blocks (Teams, Meet, Zoom, Webex, dial-ins; Swedish and English).
import t from 'tap';
import { agendaText, hasAgenda } from '../src/index.js';
import {
  DIAL_IN_ONLY,
  MEET_EN,
  MEET_SV_HTML,
  MEET_WITH_PURPOSE,
  TEAMS_BODY_SV,
  TEAMS_HTML_WITH_AGENDA,
  TEAMS_PREVIEW_EN,
  WEBEX_EN,
  ZOOM_EN,
} from './fixtures/join-blocks.js';

t.test('a join block alone is no agenda', async (t) => {
  const cases: Array<[string, string]> = [
    ['Teams bodyPreview (en, one line)', TEAMS_PREVIEW_EN],
    ['Teams body (sv) with dial-in', TEAMS_BODY_SV],
    ['Google Meet (en)', MEET_EN],
    ['Google Meet (sv, HTML)', MEET_SV_HTML],
    ['Zoom invitation (its topic repeats the title)', ZOOM_EN],
    ['Webex (one line)', WEBEX_EN],
    ['phone bridge', DIAL_IN_ONLY],
    ['empty', ''],
    ['only a link', 'https://teams.microsoft.com/l/meetup-join/abc'],
  ];
  for (const [name, text] of cases) t.equal(agendaText(text), '', name);
});

t.test('what someone wrote survives the join block around it', async (t) => {
  t.equal(agendaText(TEAMS_HTML_WITH_AGENDA), 'Agenda Budget Rekrytering till teamet');
  t.equal(agendaText(MEET_WITH_PURPOSE), 'Syfte besluta om Q1-planen Läs bilagan innan');
  t.ok(hasAgenda('Vi går igenom rekryteringen av Teams-ledaren.'), 'a word like "Teams" inside a sentence is kept with it');
  t.ok(hasAgenda(`${TEAMS_PREVIEW_EN} Please read the usability report first.`), '"usability" is not the phone country "USA"');
  t.notOk(hasAgenda(undefined));
  t.notOk(hasAgenda(null));
});
