-- wrk: GET with a bearer token from TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
