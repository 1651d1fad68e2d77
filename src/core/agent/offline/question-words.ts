/** Lower case, ASCII apostrophes, no trailing punctuation: what the intent patterns match. */
export function normalizeQuestion(q: string): string {
  return q
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// Words that never name a workload: English glue and generic Kubernetes vocabulary.
const stopWords = new Set(
  (
    'a an the is are was were be been being am do does did doing have has had why what whats which who whom how hows ' +
    "when where wheres there theres this that these those it its it's i me my we our you your they them their " +
    'of in on at to for from with by about into over under up down out off and or not no yes so than then too very ' +
    'can could should would will shall may might must please show me tell give list get find see check look any ' +
    'all some most more less much many just still again now right today currently keep keeps kept going ' +
    'pod pods deployment deployments deploy service services svc container containers node nodes namespace namespaces ' +
    'cluster clusters app apps workload workloads log logs event events memory cpu usage using use used top ' +
    'crash crashing crashed crashes restart restarting restarts restarted failing fail fails failed broken down ' +
    'error errors wrong problem problems issue issues healthy health unhealthy status degraded pending ready ' +
    'running run previous last latest recent happening happened going on ok okay fine slow dying died dead ' +
    "oom oomkilled killed backoff loop stuck state doing it's what's why's who's"
  ).split(/\s+/),
);

/** Words that could name a workload, pod or namespace, in the order asked. */
export function subjectWords(q: string): string[] {
  const words = normalizeQuestion(q)
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9._/-]+/)
    .map((w) => w.replace(/^[-./]+|[-./]+$/g, ''))
    .filter((w) => w.length >= 2);
  return words.filter((w) => !stopWords.has(w));
}
