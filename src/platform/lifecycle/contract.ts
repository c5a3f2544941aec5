/**
 * What every work item's view says about its actions, shared by the server and the web app: the
 * actions open to the viewer now, and those their role allows in this status but the item's own
 * state blocks, with the reason to show beside the disabled button.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Why an action is refused by the item's state (409 with this code when tried anyway). */
export interface BlockedReason extends Bilingual {
  code: string;
}

export interface BlockedAction<A extends string = string> {
  action: A;
  code: string;
  messageZh: string;
  messageEn: string;
}
