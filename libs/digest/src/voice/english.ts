// The digest in English, as a Swedish leadership coach would write it to an English-speaking leader: plain and direct.
import { formatNumber } from '../locale-format.js';
import type { Voice } from './voice.js';

const WORD_NUMBERS = ['no', 'one', 'two', 'three', 'four'];
const hoursOf = (hours: number) => {
  const text = formatNumber(hours, 'en');
  return `${text} ${text === '1' ? 'hour' : 'hours'}`;
};
const meetings = (n: number) => (n === 1 ? 'one meeting' : `${n} meetings`);

export const english: Voice = {
  brand: 'LedarSteg · Weekly digest',
  weekLine: (week, dates) => `Week ${week} · ${dates}`,
  subject: ({ week, challenges, back }) =>
    challenges === 0 ? `Week ${week}: your week at a glance` : `Week ${week}: ${meetings(challenges)} to challenge, ${back} to win back`,
  greeting: (firstName) => (firstName ? `Hi ${firstName}. Here is your week.` : 'Hi. Here is your week.'),
  lede: ({ hours, change, ahead }) => {
    const first = ahead ? `You have ${hoursOf(hours)} of meetings booked.` : `Last week you had ${hoursOf(hours)} of meetings.`;
    if (change === null) return first;
    if (Math.abs(change) < 0.05) return `${first} That is the same as usual.`;
    return `${first} That is ${hoursOf(Math.abs(change))} ${change > 0 ? 'more' : 'less'} than usual.`;
  },

  figuresHeading: ({ week, ahead }) => (ahead ? 'The week in numbers' : `Week ${week} in numbers`),
  meetingsLabel: 'in meetings',
  focusLabel: 'of unbroken focus time',
  firefightingLabel: 'on the fire-fighting index',
  indexValue: (value) => `${value} of 100`,
  ledartidLabel: 'time to lead kept',
  ledartidValue: (kept, goal) => `${kept} of ${goal}`,
  change: (kind, change, magnitude) => {
    if (change === null) return undefined;
    const same = kind === 'hours' ? Math.abs(change) < 0.05 : Math.abs(change) < 0.5;
    if (same) return 'the same as usual';
    if (kind === 'hours') return change > 0 ? `${magnitude} more than usual` : `${magnitude} less than usual`;
    return change > 0 ? `${magnitude} higher than usual` : `${magnitude} lower than usual`;
  },
  comparisonNote: (weeks) =>
    weeks === 0
      ? 'Comparisons start once LedarSteg has followed a few of your weeks.'
      : weeks === 1
        ? '“Usual” is the week before.'
        : `“Usual” is the average of the ${WORD_NUMBERS[weeks]} weeks before.`,

  pictureHeading: 'Meetings day by day',
  pictureAlt: (week, days) => `Bar chart of meeting hours per day, week ${week}: ${days}.`,
  pictureCaption: ({ heaviestDay, heaviestHours, withWorkingDay }) =>
    `${withWorkingDay ? 'Dark bars are meetings, light bars your working day. ' : ''}${heaviestDay} is the heaviest, with ${heaviestHours}.`,

  challengesHeading: 'Meetings to challenge',
  challengesIntro: (count) =>
    count === 1
      ? 'Drop something to make room for something better. This meeting gives you the most time back if you challenge it.'
      : 'Drop something to make room for something better. These meetings give you the most time back if you challenge them. Biggest first.',
  noChallenges: 'No meeting stands out this week. That is rare, and good. Keep it that way.',
  attendees: (count) => (count === 1 ? '1\u00a0attendee' : `${count}\u00a0attendees`),
  recurring: 'recurring',
  action: (action) =>
    ({
      decline: 'Decline it.',
      shorten: 'Shorten it.',
      delegate: 'Delegate it.',
      thin_out: 'Meet less often.',
      ask_for_agenda: 'Ask for an agenda. If none comes, decline.',
      move: 'Move it.',
      cancel: 'Cancel it.',
      hand_over: 'Hand it over.',
      invite_fewer: 'Invite fewer people.',
      send_agenda: 'Send an agenda.',
    })[action],
  suggestion: (action, back) => `Suggestion: ${action} It gives you ${back} back.`,
  challengesTotal: (total, count) =>
    count === 1 ? `That is ${total} that could be yours.` : `${total} in all. You need not take them all. Take one.`,

  ledartidHeading: 'Your time to lead',
  bookedIntro: 'Booked in your calendar:',
  bookedOutro: (booked, goal) => `${booked} of your ${goal} goal. Guard it the way you would guard a customer meeting.`,
  proposalsIntro: 'Here is time nobody has taken yet. One click and we book it for you.',
  bookLabel: (day, times) => `Book time to lead ${day}, ${times}`,
  nothingBooked: (haveChallenges) =>
    haveChallenges
      ? 'No time to lead is booked, and the week has no gap big enough. Something else has to give. Start with the meetings above.'
      : 'No time to lead is booked, and the week has no gap big enough. Something else has to give.',

  stepHeading: "This week's step",
  previousLabel: 'Last week',
  previousStep: (outcome, summary) =>
    outcome === 'held'
      ? `${summary} You held it. That is how habits are built.`
      : `${summary} It slipped. That happens. Make the step smaller and try again.`,

  consoleLabel: 'See the whole week in LedarSteg',
  footerWhy: 'You get this digest because you chose it in LedarSteg.',
  changeScheduleLabel: 'Change the day or time of this digest',
  unsubscribeLabel: 'Unsubscribe from this digest',
};
