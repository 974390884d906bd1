/**
 * What the sign-in page says when a link cannot be sent, in one place: the
 * form shows it after asking, and the page shows it when next-auth sends the
 * browser back with the error in the address.
 */
export const TOO_MANY_LINKS =
  "Several links were asked for in a short time. The last one sent still works; to get another, wait a few minutes.";

export const LINK_NOT_SENT =
  "The sign-in link could not be sent. Check the address and try again; if it keeps failing, tell your administrator.";
