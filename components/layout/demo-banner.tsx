export function DemoBanner() {
  return (
    <div className="demo-banner" role="note">
      <strong>Demo mode.</strong> Anyone can sign in as anyone here, and the organisation is simulated. Never use demo
      mode with real people.
    </div>
  );
}
