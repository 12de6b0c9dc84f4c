import { fixtureJson } from "../test/fixtures/read.js";

interface SmsNotification {
  uuid: string;
  timestamp: string;
  body: {
    id: string;
    to: { phoneNumber: string }[];
    from: { phoneNumber: string };
    creationTime: string;
    lastModifiedTime: string;
    attachments: { id: string }[];
    subject: string;
    conversation: { id: string };
  } & Record<string, unknown>;
}

/**
 * An inbound-SMS webhook notification in RingCentral's real shape (the recorded fixture
 * test/fixtures/ringcentral/sms-inbound.json) with this message's sender, text and ids. The evals and the
 * benchmark post it to /webhooks/ringcentral; test/harness.ts cannot be imported outside vitest.
 */
export function ringCentralSmsNotification(from: string, to: string, text: string, messageId: string, at: Date = new Date()): SmsNotification {
  const n = fixtureJson<SmsNotification>("ringcentral/sms-inbound.json");
  n.uuid = `n-${messageId}`;
  n.timestamp = at.toISOString();
  n.body.id = messageId;
  n.body.to = [{ ...n.body.to[0], phoneNumber: to }];
  n.body.from = { phoneNumber: from };
  n.body.creationTime = at.toISOString();
  n.body.lastModifiedTime = at.toISOString();
  n.body.attachments = [{ ...n.body.attachments[0], id: messageId }];
  n.body.subject = text;
  n.body.conversation = { id: `c-${from}` };
  return n;
}
