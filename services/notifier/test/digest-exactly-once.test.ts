import t from 'tap';
import { Consumers } from '@ledarsteg/contracts';
import { eventually, messageIdOf } from '@ledarsteg/testing';
import nodemailer, { type Transporter } from 'nodemailer';
import { digestKey } from '../src/digest/digest-key.js';
import { digestHarness } from './fixtures/digest-harness.js';
import { week14 } from './fixtures/weeks.js';

const SUNDAY = '2026-03-29T12:00:00Z';
const DUE = '2026-03-30T05:00:01Z';

t.test('two instances and a replayed schedule: one digest per leader and week', async (t) => {
  const h = await digestHarness(t, { start: SUNDAY });
  const [a] = [await h.start(), await h.start()];
  const leaders = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'];
  for (const user of leaders) {
    await h.settings(user);
    await h.deliver(Consumers.notifier.weekCompleted, week14(user));
  }
  h.clock.jumpTo(DUE);
  await eventually(() => h.smtp.received.length >= leaders.length, { what: 'every digest', timeoutMs: 60_000 });
  await eventually(async () => {
    const subs = await Promise.all(leaders.map((u) => h.subscriptions.byId(u)));
    return subs.every((s) => s?.dueWeek === '2026-W15' && !s.leaseOwner);
  }, { what: 'both instances done with the round' });
  t.same(h.smtp.received.map((m) => m.to[0]).sort(), leaders.map((u) => `${u}@example.se`), 'each leader once, with two instances polling');

  // Redelivered input: the same analysis and settings again, and the schedule rewound to the week already sent.
  await h.deliver(Consumers.notifier.weekCompleted, { ...week14('l1'), analysedAt: '2026-03-30T04:00:00Z' });
  await h.settings('l1');
  await h.conn.collection('notifier_digest_subscriptions').updateOne({ userId: 'l1' }, { $set: { dueAt: new Date('2026-03-30T05:00:00Z'), dueWeek: '2026-W14' } });
  await eventually(async () => (await h.subscriptions.byId('l1'))?.dueWeek === '2026-W15', { what: 'the rewound schedule run again' });
  t.equal(h.mailsTo('l1@example.se').length, 1, 'the ledger knows the week was sent');
  t.equal((await a.inject('/recipients/l1/deliveries')).json().deliveries.length, 1);
  t.equal((await h.published('notification.digest.sent.v1')).length, leaders.length, 'one announcement each');
});

t.test('a crash between sending and recording: the digest goes again with the same Message-ID, and is recorded once', async (t) => {
  const h = await digestHarness(t, { start: SUNDAY, leaseSeconds: 1 });
  const real = nodemailer.createTransport(`smtp://127.0.0.1:${h.smtp.port}`);
  t.teardown(() => real.close());
  // The first instance's mail goes out, then the instance "dies": it never gets to record the send.
  let crash: (err: Error) => void = () => undefined;
  const dying = {
    sendMail: async (mail: Parameters<Transporter['sendMail']>[0]) => {
      await real.sendMail(mail);
      await new Promise((_resolve, reject) => {
        crash = reject;
      });
    },
  } as unknown as Transporter;
  await h.start({ mailer: dying });
  await h.settings('dana');
  await h.deliver(Consumers.notifier.weekCompleted, week14('dana'));
  h.clock.jumpTo(DUE);
  await eventually(() => h.smtp.received.length === 1, { what: 'the first send', timeoutMs: 60_000 });
  t.equal((await h.ledger.get(digestKey('dana', '2026-W14')))?.state, 'claimed', 'sent, not recorded');

  // Another instance takes the lapsed claim over.
  const survivor = await h.start();
  await eventually(async () => (await h.ledger.get(digestKey('dana', '2026-W14')))?.state === 'done', { what: 'the send recorded', timeoutMs: 60_000 });
  crash(Object.assign(new Error('process killed'), { code: 'ECONNRESET' }));

  t.equal(h.smtp.received.length, 2, 'the mail server got it twice…');
  t.equal(messageIdOf(h.smtp.received[0]!.raw), messageIdOf(h.smtp.received[1]!.raw), '…as one message: the same Message-ID');
  const entry = await h.ledger.get(digestKey('dana', '2026-W14'));
  t.equal(entry?.attempts, 2);
  await eventually(async () => (await h.subscriptions.byId('dana'))?.dueWeek === '2026-W15', { what: 'the schedule moved on' });
  t.equal((await survivor.inject('/recipients/dana/deliveries')).json().deliveries.length, 1, 'one delivery on record');
  t.equal((await h.published('notification.digest.sent.v1')).length, 1, 'announced once');
});

t.test('a 5xx is recorded on the leader and not retried; a 4xx is retried until it goes through', async (t) => {
  let busy = 2;
  const h = await digestHarness(t, {
    start: SUNDAY,
    smtp: {
      refuse: (address) => {
        if (address === 'gone@example.se') return { code: 550, message: 'mailbox unavailable' };
        if (address === 'busy@example.se' && busy-- > 0) return { code: 451, message: 'try again later' };
        return undefined;
      },
    },
  });
  const app = await h.start();
  await h.settings('gone', { email: 'gone@example.se' });
  await h.settings('busy', { email: 'busy@example.se' });
  for (const user of ['gone', 'busy']) await h.deliver(Consumers.notifier.weekCompleted, week14(user));
  h.clock.jumpTo(DUE);

  await eventually(() => h.mailsTo('busy@example.se').length === 1, { what: 'the digest after two 451s', timeoutMs: 60_000 });
  t.equal(h.smtp.attempts.filter((a) => a === 'busy@example.se').length, 3, 'two refusals, then accepted');
  t.equal((await h.ledger.get(digestKey('busy', '2026-W14')))?.attempts, 3);

  const gone = await eventually(async () => {
    const sub = await h.subscriptions.byId('gone');
    return sub?.dueWeek === '2026-W15' ? sub : undefined;
  }, { what: 'the refused digest given up for the week' });
  t.match(gone.lastFailure, { week: '2026-W14', code: '550', permanent: true }, 'recorded on the leader');
  t.equal(h.smtp.attempts.filter((a) => a === 'gone@example.se').length, 1, 'a permanent refusal is not retried');
  t.match((await app.inject('/recipients/gone/deliveries')).json().deliveries, [{ kind: 'digest', week: '2026-W14', status: 'failed', code: '550' }]);
  t.match(await h.published('notification.email.failed.v1'), [{ userId: 'gone', kind: 'digest', code: '550', permanent: true }]);
});

t.test('a digest sent while NATS refused the announcement is announced by a later round, once', async (t) => {
  const h = await digestHarness(t, { start: SUNDAY });
  const app = await h.start();
  await h.settings('erik');
  await h.deliver(Consumers.notifier.weekCompleted, week14('erik'));
  const publish = app.notifier.publish;
  let refused = 0;
  // JetStream away for the digest's announcement only.
  app.notifier.publish = (async (subject, data, opts) => {
    if (subject === 'notification.digest.sent.v1' && refused++ === 0) throw new Error('no responders');
    return publish(subject, data, opts);
  }) as typeof publish;
  h.clock.jumpTo(DUE);
  await eventually(() => h.mailsTo('erik@example.se').length === 1, { what: 'the digest', timeoutMs: 60_000 });
  const announced = await eventually(async () => {
    const all = await h.published('notification.digest.sent.v1');
    return all.length > 0 ? all : undefined;
  }, { what: 'the late announcement' });
  t.ok(refused >= 1, 'the first announcement was refused');
  t.match(announced, [{ userId: 'erik', week: '2026-W14', digestId: digestKey('erik', '2026-W14') }]);
  t.match((await h.ledger.get(digestKey('erik', '2026-W14')))?.result, { announced: true });
  t.equal(h.mailsTo('erik@example.se').length, 1, 'announcing again sends nothing again');
});
