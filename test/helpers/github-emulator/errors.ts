// Error answers in GitHub's body shape: message, documentation_url, status (and errors for 422).

const DOCS = 'https://docs.github.com/rest';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

export function apiError(status: number, message: string, documentationPath = '', extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(status, { message, ...extra, documentation_url: `${DOCS}${documentationPath}`, status: String(status) });
}

export function validationFailed(resource: string, field: string, message: string, documentationPath: string): ApiError {
  return apiError(422, 'Validation Failed', documentationPath, {
    errors: [{ resource, code: 'custom', field, message }],
  });
}

export const notFound = (): ApiError => apiError(404, 'Not Found');
