// The plain-text part: the same content as the HTML, in the same order, with every link written out.
import type { DigestView } from './digest-view.js';

const heading = (text: string): string => `${text}\n${'-'.repeat(text.length)}`;

export function digestText(view: DigestView): string {
  const blocks: string[] = [];
  const add = (...lines: Array<string | undefined>) => {
    const kept = lines.filter((l): l is string => l !== undefined);
    if (kept.length > 0) blocks.push(kept.join('\n'));
  };

  add(view.brand, view.weekLine);
  add(view.greeting, '', view.lede);

  add(heading(view.figures.heading));
  add(...view.figures.items.map((f) => `- ${f.value} ${f.label}${f.change === undefined ? '' : ` (${f.change})`}`));
  add(view.figures.note);

  add(heading(view.picture.heading));
  add(view.picture.days.map((d) => `${d.label} ${d.hours}`).join(' · '));
  add(view.picture.caption);

  const c = view.challenges;
  add(heading(c.heading));
  add(c.intro);
  c.items.forEach((item, i) => {
    const indent = ' '.repeat(`${i + 1}. `.length);
    add(
      `${i + 1}. ${item.title}`,
      `${indent}${[item.when, ...item.details].join(' · ')}`,
      `${indent}${item.reason}`,
      `${indent}${item.suggestion}`,
    );
  });
  add(c.total);

  const l = view.ledartid;
  add(heading(l.heading));
  if (l.booked.length > 0) add(l.bookedIntro, ...l.booked.map((b) => `- ${b}`), '', l.bookedOutro);
  if (l.proposals.length > 0) {
    add(l.proposalsIntro);
    for (const p of l.proposals) add(`${p.label}:`, p.url);
  }
  add(l.empty);

  add(heading(view.step.heading));
  add(view.step.thisWeek);
  if (view.step.previous !== undefined) add(`${view.step.previousLabel}: ${view.step.previous}`);

  add(`${view.console.label}:`, view.console.url);

  add('-- ', view.footer.why);
  add(`${view.footer.changeSchedule.label}:`, view.footer.changeSchedule.url);
  add(`${view.footer.unsubscribe.label}:`, view.footer.unsubscribe.url);

  return `${blocks.join('\n\n')}\n`;
}
