/**
 * The mail that carries a sign-in link. It names only its recipient and
 * says what to do if they did not ask for it: a link that signs someone in
 * must be easy to recognise as unexpected.
 */

export interface SignInMail {
  subject: string;
  text: string;
}

export function signInLinkMail(input: { name: string; url: string; validMinutes: number }): SignInMail {
  return {
    subject: "Your sign-in link for Undercurrent",
    text: [
      `Hello ${input.name},`,
      "",
      "Here is the link you asked for. It signs you in to Undercurrent on the device where you open it:",
      "",
      input.url,
      "",
      `It works once, within ${input.validMinutes} minutes. If it has run out, ask for a new one on the sign-in page.`,
      "",
      "If you did not ask for it, ignore this mail: nobody can sign in without opening the link, and it expires by itself.",
      "",
      "Undercurrent",
    ].join("\n"),
  };
}
