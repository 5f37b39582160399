//! Prints the server's OpenAPI document (the one `/api/openapi.json` serves).
fn main() {
    println!("{}", inflow_server::openapi::json());
}
