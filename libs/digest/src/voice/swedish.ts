// Veckobrevet på svenska: korta meningar, du-form, tuff omsorg. Välja bort för att välja till.
import { formatNumber } from '../locale-format.js';
import type { Voice } from './voice.js';

const WORD_NUMBERS = ['noll', 'en', 'två', 'tre', 'fyra'];
const timmar = (hours: number) => {
  const text = formatNumber(hours, 'sv');
  return `${text} ${text === '1' ? 'timme' : 'timmar'}`;
};
const möten = (n: number) => (n === 1 ? 'ett möte' : `${n} möten`);

export const swedish: Voice = {
  brand: 'LedarSteg · Veckobrev',
  weekLine: (week, dates) => `Vecka ${week} · ${dates}`,
  subject: ({ week, challenges, back }) =>
    challenges === 0 ? `Vecka ${week}: din vecka i korthet` : `Vecka ${week}: ${möten(challenges)} att ompröva, ${back} att vinna`,
  greeting: (firstName) => (firstName ? `Hej ${firstName}. Så här ser din vecka ut.` : 'Hej! Så här ser din vecka ut.'),
  lede: ({ hours, change, ahead }) => {
    const first = ahead ? `Du har ${timmar(hours)} inbokade möten.` : `Förra veckan hade du ${timmar(hours)} möten.`;
    if (change === null) return first;
    if (Math.abs(change) < 0.05) return `${first} Det är som vanligt.`;
    return `${first} Det är ${timmar(Math.abs(change))} ${change > 0 ? 'mer' : 'mindre'} än vanligt.`;
  },

  figuresHeading: ({ week, ahead }) => (ahead ? 'Veckan i siffror' : `Vecka ${week} i siffror`),
  meetingsLabel: 'i möten',
  focusLabel: 'fokustid utan avbrott',
  firefightingLabel: 'i brandkårsindex',
  indexValue: (value) => `${value} av 100`,
  ledartidLabel: 'ledartid som blev av',
  ledartidValue: (kept, goal) => `${kept} av ${goal}`,
  change: (kind, change, magnitude) => {
    if (change === null) return undefined;
    const same = kind === 'hours' ? Math.abs(change) < 0.05 : Math.abs(change) < 0.5;
    if (same) return 'som vanligt';
    if (kind === 'hours') return change > 0 ? `${magnitude} mer än vanligt` : `${magnitude} mindre än vanligt`;
    return change > 0 ? `${magnitude} högre än vanligt` : `${magnitude} lägre än vanligt`;
  },
  comparisonNote: (weeks) =>
    weeks === 0
      ? 'Jämförelserna kommer när LedarSteg har följt dig några veckor.'
      : weeks === 1
        ? '”Vanligt” är veckan innan.'
        : `”Vanligt” är snittet av de ${WORD_NUMBERS[weeks]} veckorna innan.`,

  pictureHeading: 'Mötena dag för dag',
  pictureAlt: (week, days) => `Stapeldiagram över mötestimmar per dag, vecka ${week}: ${days}.`,
  pictureCaption: ({ heaviestDay, heaviestHours, withWorkingDay }) =>
    `${withWorkingDay ? 'Mörka staplar är möten, ljusa din arbetsdag. ' : ''}Tyngst är ${heaviestDay} med ${heaviestHours}.`,

  challengesHeading: 'Möten att ompröva',
  challengesIntro: (count) =>
    count === 1
      ? 'Välj bort för att välja till. Det här mötet ger dig mest tid tillbaka om du ifrågasätter det.'
      : 'Välj bort för att välja till. De här mötena ger dig mest tid tillbaka om du ifrågasätter dem. Störst först.',
  noChallenges: 'Inget möte sticker ut den här veckan. Det är ovanligt, och bra. Håll i det.',
  attendees: (count) => `${count}\u00a0deltagare`,
  recurring: 'återkommande',
  action: (action) =>
    ({
      decline: 'Tacka nej.',
      shorten: 'Korta ner det.',
      delegate: 'Delegera det.',
      thin_out: 'Glesa ut serien.',
      ask_for_agenda: 'Be om en agenda. Kommer ingen, tacka nej.',
      move: 'Flytta det.',
      cancel: 'Ställ in det.',
      hand_over: 'Lämna över det.',
      invite_fewer: 'Bjud in färre.',
      send_agenda: 'Skicka en agenda.',
    })[action],
  suggestion: (action, back) => `Förslag: ${action} Ger dig ${back} tillbaka.`,
  challengesTotal: (total, count) =>
    count === 1
      ? `Det är ${total} som kan bli din.`
      : `Allt som allt ${total}. Du behöver inte ta allt. Ta ett.`,

  ledartidHeading: 'Din ledartid',
  bookedIntro: 'Bokad i din kalender:',
  bookedOutro: (booked, goal) => `${booked} av ditt mål på ${goal}. Skydda tiden som du skyddar ett kundmöte.`,
  proposalsIntro: 'Här finns tid som ingen har tagit än. Ett klick, så bokar vi den åt dig.',
  bookLabel: (day, times) => `Boka ledartid ${day}, ${times}`,
  nothingBooked: (haveChallenges) =>
    haveChallenges
      ? 'Ingen ledartid är bokad och veckan har ingen lucka som räcker. Då behöver något annat ge vika. Börja med mötena ovan.'
      : 'Ingen ledartid är bokad och veckan har ingen lucka som räcker. Då behöver något annat ge vika.',

  stepHeading: 'Veckans steg',
  previousLabel: 'Förra veckan',
  previousStep: (outcome, summary) =>
    outcome === 'held'
      ? `${summary} Det höll. Så byggs en vana.`
      : `${summary} Det blev inte av. Det händer. Gör steget mindre och försök igen.`,

  consoleLabel: 'Se hela veckan i LedarSteg',
  footerWhy: 'Du får veckobrevet för att du har valt det i LedarSteg.',
  changeScheduleLabel: 'Byt dag eller tid för veckobrevet',
  unsubscribeLabel: 'Avsluta veckobrevet',
};

