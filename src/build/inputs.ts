import { z } from 'zod';
import { listItems, quote, splitList, type Field } from '../core/fields.js';
import { BuildConfigError } from './errors.js';
import { isVersion } from '../core/common-fields.js';
import { sanitizeTag } from '../core/oci-tag.js';
import { parseImageName, parsePlatforms } from './image.js';

interface Opts<T> {
  default?: T;
  required?: boolean;
  secret?: boolean;
  configurable?: boolean;
}

/** A field whose value goes through `parse`, which throws a BuildConfigError with the reason. */
function parsed<T, O extends Opts<T>>(form: string, parse: (value: unknown) => T, opts: O): Field<T> & O {
  const schema = z.unknown().transform((value, ctx) => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof BuildConfigError)) throw error;
      ctx.issues.push({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  });
  return { schema, form, ...opts };
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : String(value));

/**
 * Items one a line, never split on commas (build args hold commas), or a YAML list: the one list
 * grammar (core/fields.ts) without commas. A nested list or mapping as an item is refused.
 */
function lines(value: unknown): string[] {
  const result = listItems(value, { commas: false });
  if (!result.ok) throw new BuildConfigError(result.message);
  return result.items.map((i) => i.text);
}

// The build action's own input fields: each one reuses the validators in image.ts (image names,
// platforms) so the input is refused with their reason, before anything runs.
export const IMAGE_FORM = '[registry[:port]/]name[/name...] in lowercase, without tag or digest (ghcr.io/acme/web)';

export function imageField(): Field<string> {
  return parsed(
    IMAGE_FORM,
    (value) => {
      const name = text(value);
      try {
        return parseImageName(name).name;
      } catch (error) {
        if (!(error instanceof BuildConfigError)) throw error;
        // The problem alone: the input's name and form are added once, by readSettings.
        throw new BuildConfigError(error.problem);
      }
    },
    {},
  );
}

export const PLATFORMS_FORM =
  'platforms os/arch[/variant], one a line or separated by commas (linux/amd64, linux/arm64, linux/arm/v7, ...)';

export function platformsField(): Field<string[]> & { default: string[] } {
  return parsed(
    PLATFORMS_FORM,
    (value) => {
      try {
        return parsePlatforms(lines(value).flatMap((line) => splitList(line)));
      } catch (error) {
        if (!(error instanceof BuildConfigError)) throw error;
        throw new BuildConfigError(error.problem);
      }
    },
    { default: [] as string[] },
  );
}

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const BUILD_ARGS_FORM = 'NAME=value lines, one a line (or a mapping in the config file)';

/** `NAME=value` one a line, a YAML list of such, or (in the config file) a mapping. */
export function buildArgsField(): Field<Record<string, string>> & { default: Record<string, string> } {
  return parsed(
    BUILD_ARGS_FORM,
    (value) => {
      const entries: [string, string][] =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])
          : lines(value).map((line) => {
              const at = line.indexOf('=');
              if (at < 0) throw new BuildConfigError(`${quote(line)} has no "="`);
              return [line.slice(0, at).trim(), line.slice(at + 1)];
            });
      const out: Record<string, string> = {};
      for (const [name, arg] of entries) {
        if (!BUILD_ARG_NAME.test(name)) throw new BuildConfigError(`${quote(name)} is not a build argument name`);
        out[name] = arg;
      }
      return out;
    },
    { default: {} as Record<string, string> },
  );
}

export const GLOBS_FORM = 'globs relative to the workspace, one a line (dist/**, build/app.jar; !pattern excludes)';

export function globsField(): Field<string[]> & { default: string[] } {
  return parsed(GLOBS_FORM, lines, { default: [] as string[] });
}

/**
 * What `resolveVersion` accepts as an override: a version by the one rule (core/common-fields.ts)
 * that is also an image tag as written (`+` aside, which becomes `_`): no "--", no "." or "-" at the end.
 */
export function isBuildVersion(version: string): boolean {
  const tag = version.replace(/\+/g, '_');
  return isVersion(version) && sanitizeTag(tag) === tag;
}
export const VERSION_FORM =
  'a version usable as an image tag: letters, digits, ".", "_", "-" and "+", at most 128 characters (1.2.3, 2024.06.1-hotfix)';

export function versionField(): Field<string> {
  return parsed(
    VERSION_FORM,
    (value) => {
      const version = text(value);
      if (!isBuildVersion(version)) throw new BuildConfigError(`${quote(version)} cannot be an image tag`);
      return version;
    },
    {},
  );
}
