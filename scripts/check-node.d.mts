export declare const nodeIsSupported: boolean;
export declare const nodeAdvice: string;
