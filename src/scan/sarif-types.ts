/** The parts of SARIF 2.1.0 that shipline reads and writes. Unknown members are kept as they are. */

export interface SarifMessage {
  text?: string;
  markdown?: string;
  id?: string;
  arguments?: string[];
}

export interface SarifMultiformatMessage {
  text?: string;
  markdown?: string;
}

export type PropertyBag = Record<string, unknown>;

export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: SarifMultiformatMessage;
  fullDescription?: SarifMultiformatMessage;
  messageStrings?: Record<string, SarifMultiformatMessage>;
  help?: SarifMultiformatMessage;
  helpUri?: string;
  defaultConfiguration?: { level?: string; enabled?: boolean };
  properties?: PropertyBag;
}

export interface SarifToolComponent {
  name: string;
  fullName?: string;
  version?: string;
  semanticVersion?: string;
  informationUri?: string;
  rules?: SarifReportingDescriptor[];
  properties?: PropertyBag;
}

export interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
}

export interface SarifLocation {
  physicalLocation?: {
    artifactLocation?: SarifArtifactLocation;
    region?: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
  message?: SarifMessage;
}

export interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  rule?: { id?: string; index?: number; toolComponent?: { index?: number; name?: string } };
  kind?: string;
  level?: string;
  message?: SarifMessage;
  locations?: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  suppressions?: { kind?: string; status?: string; justification?: string }[];
  properties?: PropertyBag;
}

export interface SarifRun {
  tool: { driver: SarifToolComponent; extensions?: SarifToolComponent[] };
  automationDetails?: { id?: string };
  artifacts?: { location?: SarifArtifactLocation }[];
  results?: SarifResult[];
  properties?: PropertyBag;
  [key: string]: unknown;
}

export interface SarifLog {
  $schema?: string;
  version: string;
  runs: SarifRun[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
